package com.credbroker.broker.cli;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.BrokerStorage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rotate-keys}: adds a new data-key term and rewraps every payload onto it. With {@code --url}
 * it asks a running broker to do it (the embedded database is locked by that broker); without, it
 * opens the database itself (broker stopped, or a shared PostgreSQL) and audits the rotation as
 * {@code cli:<OS user>}.
 */
@Command(name = "rotate-keys", description = "Add a new data-key term and rewrap stored payloads onto it.")
public final class RotateKeysCommand implements Callable<Integer> {
    private static final String ROTATE = "/v1/personal-connectors/admin/keyring/rotate";

    @Spec
    CommandSpec spec;
    @Option(names = "--url", description = "a running broker, e.g. http://127.0.0.1:8080 (admin key from CREDBROKER_ADMIN_KEY)")
    String url;

    @Override
    public Integer call() throws Exception {
        if (url != null) {
            return viaServer();
        }
        try (BrokerStorage storage = StorageCommand.open()) {
            int term = OperatorAudit.audited(storage, AuditAction.KEYRING_ROTATE, null, storage.keyring()::rotate, t -> null);
            long moved = storage.rewrapper().rewrapNow();
            spec.commandLine().getOut().printf("active key term is now %d; %d payloads rewrapped%n", term, moved);
        }
        return 0;
    }

    private int viaServer() throws Exception {
        Optional<AdminPost> post = AdminPost.to(spec, url, ROTATE, Duration.ofSeconds(30));
        if (post.isEmpty()) {
            return StartupFailures.CONFIG_INVALID;
        }
        HttpResponse<String> response = post.get().send(HttpResponse.BodyHandlers.ofString());
        spec.commandLine().getOut().println(response.body());
        return response.statusCode() == 200 ? 0 : StartupFailures.FAILED;
    }
}
