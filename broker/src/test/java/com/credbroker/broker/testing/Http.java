package com.credbroker.broker.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small HTTP client for tests against a real server on a random port. Every JSON answer of a documented
 * operation is checked against {@code openapi.json} ({@link OpenApiResponses}).
 */
public final class Http {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<String> delete(String path, Map<String, String> headers) {
        return send(request(path, headers).DELETE().build());
    }

    public HttpResponse<String> post(String path, Map<String, String> headers, String json) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> patch(String path, Map<String, String> headers, String json) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> send(String method, String path, Map<String, String> headers, String contentType,
            byte[] body) {
        HttpRequest.Builder builder = request(path, headers);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** An empty POST whose answer is kept as bytes (archives). */
    public HttpResponse<byte[]> postForBytes(String path, Map<String, String> headers) {
        try {
            return client.send(request(path, headers).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #send}, streaming the body without a Content-Length (chunked). */
    public HttpResponse<String> sendChunked(String method, String path, Map<String, String> headers,
            String contentType, byte[] body) {
        return send(request(path, headers).header("Content-Type", contentType).method(method,
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build());
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(builder::header);
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            OpenApiResponses.check(request.method(), request.uri(), response);
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
