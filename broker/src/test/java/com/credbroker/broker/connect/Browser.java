package com.credbroker.broker.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's browser in a connect flow: one GET at a time, redirects never followed by itself, so a test
 * sees each hop (provider → broker callback → the app's callback URL).
 */
final class Browser {
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> get(URI url) {
        try {
            return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs the URL and returns where it redirects to (it must redirect). */
    URI follow(URI url) {
        HttpResponse<String> response = get(url);
        if (response.statusCode() != 302 && response.statusCode() != 303) {
            throw new AssertionError("expected a redirect from " + url.getPath() + ", got " + response.statusCode()
                    + " " + response.body());
        }
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return params;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    /** The URL with one query parameter's value replaced. */
    static URI withParam(URI uri, String name, String value) {
        StringBuilder query = new StringBuilder();
        query(uri).forEach((key, old) -> query.append(query.length() == 0 ? "" : "&").append(key).append('=')
                .append(java.net.URLEncoder.encode(key.equals(name) ? value : old, StandardCharsets.UTF_8)));
        String text = uri.toString();
        return URI.create(text.substring(0, text.indexOf('?')) + "?" + query);
    }
}
