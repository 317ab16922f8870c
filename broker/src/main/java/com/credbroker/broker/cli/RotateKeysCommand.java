package com.credbroker.broker.cli;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.BrokerStorage;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
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
    @Option(names = "--url", description = AdminApi.URL_HELP)
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
        AdminApi api = AdminApi.at(url, Duration.ofSeconds(30));
        JsonNode body = api.json(api.request(ROTATE).POST(HttpRequest.BodyPublishers.noBody()).build());
        spec.commandLine().getOut().printf("active key term is now %d; %d payloads pending rewrap (the broker rewraps"
                + " them in the background)%n", body.path("active_term").asInt(), body.path("payloads_pending_rewrap").asLong());
        return 0;
    }
}
