package com.credbroker.broker.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * An empty {@code POST} to a running broker's admin API, for the commands that take {@code --url}: the
 * admin key comes from {@code CREDBROKER_ADMIN_KEY} (never from the command line, where other users'
 * {@code ps} would see it).
 */
final class AdminPost {
    private final HttpRequest request;

    private AdminPost(HttpRequest request) {
        this.request = request;
    }

    /** The request to {@code path} on {@code baseUrl}; empty, after saying why on stderr, when no key is set. */
    static Optional<AdminPost> to(CommandSpec spec, String baseUrl, String path, Duration timeout) {
        String key = System.getenv("CREDBROKER_ADMIN_KEY");
        if (key == null || key.isBlank()) {
            spec.commandLine().getErr().println("credbroker: set CREDBROKER_ADMIN_KEY to an admin key to use --url");
            return Optional.empty();
        }
        return Optional.of(new AdminPost(HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/+$", "") + path))
                .timeout(timeout).header("X-API-Key", key).POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    <T> HttpResponse<T> send(HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request, body);
    }
}
