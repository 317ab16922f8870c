package com.credbroker.refresh.client;

import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.EgressRefusedException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Sends a Nimbus-built {@link HTTPRequest} (GET or POST) with one shared Jetty {@link HttpClient} (see
 * {@link EgressHttpClients}): HTTP/1.1 with pooled keep-alive connections, redirects never followed, every
 * new connection made only to addresses the {@link EgressPolicy} resolved and checked, the connect timeout
 * from the config, and the read timeout twice: as the wait for the response headers and as the wait for
 * the whole body after them; the body is capped in size. A request is sent once and never retried here: a
 * retried refresh could present a rotated refresh token twice. Thread-safe.
 */
final class TokenHttpTransport {
    /** Headers the transport sets itself (and Content-Type, which goes with a body). */
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
    TokenHttpTransport(RefreshConfig config, EgressPolicy policy) {
        this(config, policy, new ClientConnector());
    }

    /** The same, making its connections with {@code connector} (tests pass one that records them). */
    TokenHttpTransport(RefreshConfig config, EgressPolicy policy, ClientConnector connector) {
        this(config.connectTimeout(), config.readTimeout(), config.maxResponseBytes(), "the token endpoint",
                policy, connector);
    }

    /**
     * @param peer      what the far end is, for failure descriptions, e.g. {@code the test endpoint}
     * @param connector makes the connections (tests pass one that records them)
     */
    TokenHttpTransport(Duration connectTimeout, Duration readTimeout, int maxResponseBytes, String peer,
            EgressPolicy policy, ClientConnector connector) {
        this.client = EgressHttpClients.start(connectTimeout, readTimeout, policy, connector);
        this.readTimeout = readTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.peer = peer;
    }

    Exchange send(HTTPRequest request) {
        Request outgoing;
        try {
            outgoing = toJetty(request);
        } catch (IllegalArgumentException unsendable) {
            // e.g. a header value that cannot be sent: a configuration problem, not a network one
            return new Failed(new TokenResult.Failure(FailureClass.INVALID_CLIENT, "invalid_client_config",
                    "the request to " + peer + " could not be sent as built", null, 0));
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        outgoing.send(listener);
        Response response;
        try {
            response = listener.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return interrupted(outgoing, e);
        } catch (TimeoutException e) {
            outgoing.abort(e);
            return failed("timeout", "no response headers within the read timeout");
        } catch (ExecutionException e) {
            return new Failed(classify(e.getCause() == null ? e : e.getCause()));
        }
        return read(outgoing, response, listener);
    }

    /** Reads the body within the read timeout, up to the cap; a larger one closes the connection. */
    private Exchange read(Request outgoing, Response response, InputStreamResponseListener listener) {
        if (response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > maxResponseBytes) {
            outgoing.abort(new IOException("response body over the cap"));
            return received(response, null);
        }
        Scheduler.Task deadline = client.getScheduler().schedule(() -> outgoing.abort(
                new TimeoutException("body not complete within the read timeout")), readTimeout.toNanos(),
                TimeUnit.NANOSECONDS);
        try (InputStream in = listener.getInputStream()) {
            byte[] body = in.readNBytes(maxResponseBytes + 1);
            if (body.length > maxResponseBytes) {
                outgoing.abort(new IOException("response body over the cap"));
                return received(response, null);
            }
            // the exchange completes (and its connection goes back to the pool) just after the last byte
            listener.await(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return received(response, body);
        } catch (InterruptedException | InterruptedIOException e) {
            return interrupted(outgoing, e);
        } catch (TimeoutException e) {
            outgoing.abort(e);
            return failed("timeout", "response body not complete within the read timeout");
        } catch (IOException | RuntimeException e) {
            return new Failed(classify(e));
        } finally {
            deadline.cancel();
        }
    }

    /** Gives up an exchange whose thread was interrupted, keeping the interrupt for the caller. */
    private Exchange interrupted(Request outgoing, Exception cause) {
        outgoing.abort(cause);
        Thread.currentThread().interrupt();
        return failed("interrupted", "interrupted while waiting for " + peer);
    }

    private Request toJetty(HTTPRequest request) {
        Request outgoing = client.newRequest(request.getURI())
                .method(request.getMethod().name());
        boolean withBody = request.getMethod() != HTTPRequest.Method.GET;
        if (withBody) {
            String type = request.getHeaderValue("Content-Type");
            outgoing.body(new StringRequestContent(type == null ? "application/x-www-form-urlencoded" : type,
                    request.getBody() == null ? "" : request.getBody(), StandardCharsets.UTF_8));
        }
        outgoing.headers(headers -> {
            request.getHeaderMap().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!RESTRICTED.contains(lower) && !(withBody && lower.equals("content-type"))) {
                    headers.remove(name); // the request's own value replaces the client's default (User-Agent)
                    values.forEach(value -> headers.add(name, value));
                }
            });
            if (request.getHeaderValue("Accept") == null) {
                // GitHub's token endpoint answers form-encoded unless asked for JSON.
                headers.put(HttpHeader.ACCEPT, "application/json");
            }
        });
        return outgoing;
    }

    private static Received received(Response response, byte[] body) {
        HTTPResponse nimbus = new HTTPResponse(response.getStatus());
        for (String name : response.getHeaders().getFieldNamesCollection()) {
            nimbus.setHeader(name, response.getHeaders().getValuesList(name).toArray(String[]::new));
        }
        nimbus.setBody(body == null ? null : new String(body, StandardCharsets.UTF_8));
        return new Received(nimbus, body == null);
    }

    private TokenResult.Failure classify(Throwable cause) {
        if (causedBy(cause, EgressRefusedException.class)) {
            // never a network outcome: nothing was sent, and the text is the same whatever listens there
            return new TokenResult.Failure(FailureClass.INVALID_CLIENT, EgressRefusedException.CODE,
                    find(cause, EgressRefusedException.class).getMessage(), null, 0);
        }
        if (causedBy(cause, TimeoutException.class)) {
            return failure("timeout", "response body not complete within the read timeout");
        }
        if (causedBy(cause, SocketTimeoutException.class)) {
            return failure("timeout", "connect timed out");
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
        return find(error, type) != null;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Failed failed(String code, String description) {
        return new Failed(failure(code, description));
    }

    private static TokenResult.Failure failure(String code, String description) {
        return new TokenResult.Failure(FailureClass.TRANSIENT, code, description, null, 0);
    }
}
