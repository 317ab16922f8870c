package com.credbroker.broker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The admin API of a running broker, for the commands given {@code --url}: the admin key comes from
 * {@code CREDBROKER_ADMIN_KEY} (never from the command line, where other users' {@code ps} would see it).
 * A refusal becomes a {@link CliException} carrying the server's own message.
 */
final class AdminApi {
    static final String URL_HELP = "a running broker, e.g. http://127.0.0.1:8080 (admin key from CREDBROKER_ADMIN_KEY)";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String baseUrl;
    private final String key;
    private final Duration timeout;

    private AdminApi(String baseUrl, String key, Duration timeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.key = key;
        this.timeout = timeout;
    }

    /** The API at {@code baseUrl}; refused (exit 2) when no admin key is set or the URL is not http(s). */
    static AdminApi at(String baseUrl, Duration timeout) {
        String key = System.getenv("CREDBROKER_ADMIN_KEY");
        if (key == null || key.isBlank()) {
            throw CliException.usage("set CREDBROKER_ADMIN_KEY to an admin key to use --url");
        }
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw CliException.usage("--url must start with http:// or https://, e.g. http://127.0.0.1:8080");
        }
        return new AdminApi(baseUrl, key, timeout);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).header("X-API-Key", key);
    }

    /** Sends {@code request}; a broker that cannot be reached is a one-line failure naming the URL. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws InterruptedException {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(request, body);
        } catch (ConnectException e) {
            throw CliException.failed("cannot reach the broker at " + baseUrl + ": connection refused");
        } catch (HttpTimeoutException e) {
            throw CliException.failed("the broker at " + baseUrl + " did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw CliException.failed("cannot reach the broker at " + baseUrl + ": " + StartupFailures.cause(e));
        }
    }

    /** Sends and returns the JSON body of a 2xx answer; anything else becomes the server's message. */
    JsonNode json(HttpRequest request) throws InterruptedException {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw refused(response.statusCode(), response.body());
        }
        return parse(response.body());
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The broker's refusal as one line: its error message, or the status when the body is not the error shape. */
    static CliException refused(int status, String body) {
        String message = parse(body).path("error").path("message").asText("");
        return CliException.failed(message.isEmpty() ? "the broker answered HTTP " + status
                : message + " (HTTP " + status + ")");
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }
}
