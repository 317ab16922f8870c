package com.credbroker.broker.cli;

import com.credbroker.broker.BrokerStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rotate-keys}: adds a new data-key term and rewraps every payload onto it. With {@code --url}
 * it asks a running broker to do it (the embedded database is locked by that broker); without, it
 * opens the database itself (broker stopped, or a shared PostgreSQL).
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
            int term = storage.keyring().rotate();
            long moved = storage.rewrapper().rewrapNow();
            spec.commandLine().getOut().printf("active key term is now %d; %d payloads rewrapped%n", term, moved);
        }
        return 0;
    }

    private int viaServer() throws Exception {
        String key = System.getenv("CREDBROKER_ADMIN_KEY");
        if (key == null || key.isBlank()) {
            spec.commandLine().getErr().println("credbroker: set CREDBROKER_ADMIN_KEY to an admin key to use --url");
            return StartupFailures.CONFIG_INVALID;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + ROTATE))
                .timeout(Duration.ofSeconds(30)).header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        spec.commandLine().getOut().println(response.body());
        return response.statusCode() == 200 ? 0 : StartupFailures.FAILED;
    }
}
