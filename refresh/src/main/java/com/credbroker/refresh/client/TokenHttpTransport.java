package com.credbroker.refresh.client;

import com.credbroker.config.RefreshConfig;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Sends a Nimbus-built {@link HTTPRequest} (GET or POST) with one shared JDK {@link HttpClient}: HTTP/1.1 with
 * pooled keep-alive connections, redirects never followed, the connect timeout from the config, and
 * the read timeout twice: as the wait for the response headers (the JDK's request timeout, which does
 * not cover the body) and as the wait for the whole body after them ({@link CappedBodyHandler}, which
 * also caps its size). A request is sent once and never retried here: a retried refresh could
 * present a rotated refresh token twice. Thread-safe.
 */
final class TokenHttpTransport {
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** What one exchange produced: a response, or a classified failure with no response. */
    sealed interface Exchange permits Received, Failed {
    }

    /** A response whose body was read up to the cap; {@code bodyTooLarge} means the body is not kept. */
    record Received(HTTPResponse response, boolean bodyTooLarge) implements Exchange {
    }

    record Failed(TokenResult.Failure failure) implements Exchange {
    }

    private final HttpClient client;
    private final Duration readTimeout;
    private final int maxResponseBytes;
    private final String peer;

    /** The transport of token endpoints (refresh, code exchange, revocation), with the token timeouts. */
    TokenHttpTransport(RefreshConfig config) {
        this(config.connectTimeout(), config.readTimeout(), config.maxResponseBytes(), "the token endpoint");
    }

    /** @param peer what the far end is, for failure descriptions, e.g. {@code the test endpoint} */
    TokenHttpTransport(Duration connectTimeout, Duration readTimeout, int maxResponseBytes, String peer) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        this.readTimeout = readTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.peer = peer;
    }

    Exchange send(HTTPRequest request) {
        HttpRequest jdkRequest;
        try {
            jdkRequest = toJdk(request);
        } catch (IllegalArgumentException unsendable) {
            // e.g. a header value the JDK refuses: a configuration problem, not a network one
            return new Failed(new TokenResult.Failure(FailureClass.INVALID_CLIENT, "invalid_client_config",
                    "the request to " + peer + " could not be sent as built", null, 0));
        }
        try {
            // send(), not sendAsync().get(): the public async API hands every completion to another
            // thread, which costs more than the whole exchange on a loopback provider.
            return toNimbus(client.send(jdkRequest, new CappedBodyHandler(maxResponseBytes, readTimeout)));
        } catch (InterruptedException e) {
            // send() has cancelled the exchange (JDK 16+).
            Thread.currentThread().interrupt();
            return failed("interrupted", "interrupted while waiting for " + peer);
        } catch (IOException | RuntimeException e) {
            return new Failed(classify(e));
        }
    }

    private HttpRequest toJdk(HTTPRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getURI()).timeout(readTimeout);
        if (request.getMethod() == HTTPRequest.Method.GET) {
            builder.GET();
        } else {
            builder.POST(HttpRequest.BodyPublishers.ofString(
                    request.getBody() == null ? "" : request.getBody(), StandardCharsets.UTF_8));
        }
        request.getHeaderMap().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        if (request.getHeaderValue("Accept") == null) {
            // GitHub's token endpoint answers form-encoded unless asked for JSON.
            builder.header("Accept", "application/json");
        }
        return builder.header("User-Agent", "credbroker").build();
    }

    private static Received toNimbus(HttpResponse<CappedBodyHandler.Body> response) {
        HTTPResponse nimbus = new HTTPResponse(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                nimbus.setHeader(name, values.toArray(String[]::new));
            }
        });
        CappedBodyHandler.Body body = response.body();
        nimbus.setBody(body.tooLarge() ? null : body.text());
        return new Received(nimbus, body.tooLarge());
    }

    private TokenResult.Failure classify(Exception cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return failure("timeout", "connect timed out");
        }
        if (cause instanceof HttpTimeoutException) {
            return failure("timeout", "no response headers within the read timeout");
        }
        if (causedBy(cause, TimeoutException.class)) {
            return failure("timeout", "response body not complete within the read timeout");
        }
        if (causedBy(cause, ConnectException.class) || causedBy(cause, UnknownHostException.class)
                || causedBy(cause, UnresolvedAddressException.class) || causedBy(cause, NoRouteToHostException.class)) {
            return failure("connect_failed", "could not connect to " + peer);
        }
        if (causedBy(cause, SSLException.class)) {
            return failure("io_error", "TLS failure talking to " + peer);
        }
        // The exception message is not kept: it may quote a URL or a header.
        String type = cause.getClass().getSimpleName();
        return failure("io_error", "I/O failure talking to " + peer + " (" + type + ")");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Failed failed(String code, String description) {
        return new Failed(failure(code, description));
    }

    private static TokenResult.Failure failure(String code, String description) {
        return new TokenResult.Failure(FailureClass.TRANSIENT, code, description, null, 0);
    }
}
