package com.credbroker.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * The provider for the refresh benchmark: a Jetty 12 core handler on 127.0.0.1 that answers every
 * {@code POST /token} carrying a {@code refresh_token} with
 * {@code {"access_token":"at-<n>","token_type":"Bearer","expires_in":3600,"refresh_token":"<refresh_token>-r"}}.
 * The answer is asynchronous: with a latency, it is written from a scheduler, so a slow provider holds
 * no thread per request. It counts every token request and every refresh token presented more than
 * once ({@link #duplicates()}, which a correct broker keeps at 0: a real rotating provider would revoke
 * the grant). It remembers every refresh token it has seen, so memory grows with the run's refreshes.
 *
 * <p>Usage: {@code java -cp bench/target/credbroker-bench.jar com.credbroker.bench.StubTokenEndpoint
 * <port> <latency>}; port 0 picks a free port; latency in milliseconds or ISO-8601 ({@code PT0.05S}).
 * Logs {@code token_url=...} once it accepts connections and the counts when stopped.
 */
public final class StubTokenEndpoint implements AutoCloseable {
    private final Server server;
    private final ScheduledExecutorService scheduler;
    private final TokenHandler handler;

    private StubTokenEndpoint(Server server, ScheduledExecutorService scheduler, TokenHandler handler) {
        this.server = server;
        this.scheduler = scheduler;
        this.handler = handler;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: StubTokenEndpoint <port> <latency-ms | ISO-8601 duration>");
        }
        String latency = args[1];
        StubTokenEndpoint endpoint = start(Integer.parseInt(args[0]),
                latency.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(latency))
                        : Duration.parse(latency));
        org.slf4j.Logger out = BenchCli.output(StubTokenEndpoint.class);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.info("calls={} duplicates={}", endpoint.calls(), endpoint.duplicates());
            endpoint.close();
        }));
        out.info("token_url={}", endpoint.tokenUrl());
        endpoint.server.join();
    }

    /** Starts on a free loopback port. */
    public static StubTokenEndpoint start(Duration latency) {
        return start(0, latency);
    }

    static StubTokenEndpoint start(int port, Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "stub-token-endpoint-latency");
            thread.setDaemon(true);
            return thread;
        });
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        TokenHandler handler = new TokenHandler(latency, scheduler);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            scheduler.shutdownNow();
            throw new IllegalStateException("could not start the stub token endpoint", e);
        }
        return new StubTokenEndpoint(server, scheduler, handler);
    }

    /** {@code http://127.0.0.1:<port>/token}. */
    public URI tokenUrl() {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://127.0.0.1:" + port + "/token");
    }

    /** Token requests answered or refused. */
    public long calls() {
        return handler.calls.get();
    }

    /** Presentations of a refresh token that had been presented before. */
    public long duplicates() {
        return handler.duplicates.get();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the stub token endpoint", e);
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Reads the form without blocking and answers now or from the scheduler; never blocks a Jetty thread. */
    static final class TokenHandler extends Handler.Abstract {
        private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
        private static final byte[] INVALID_REQUEST =
                "{\"error\":\"invalid_request\"}".getBytes(StandardCharsets.UTF_8);

        private final long latencyNanos;
        private final ScheduledExecutorService scheduler;
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong issued = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        TokenHandler(Duration latency, ScheduledExecutorService scheduler) {
            super(InvocationType.NON_BLOCKING);
            this.latencyNanos = latency.toNanos();
            this.scheduler = scheduler;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!"/token".equals(Request.getPathInContext(request))) {
                Response.writeError(request, response, callback, 404);
            } else if (!"POST".equals(request.getMethod())) {
                Response.writeError(request, response, callback, 405);
            } else {
                FormFields.onFields(request, Promise.Invocable.from(InvocationType.NON_BLOCKING,
                        (fields, failure) -> answer(fields, failure, response, callback)));
            }
            return true;
        }

        private void answer(Fields fields, Throwable failure, Response response, Callback callback) {
            calls.incrementAndGet();
            String refreshToken = failure == null ? fields.getValue("refresh_token") : null;
            if (refreshToken == null || refreshToken.isEmpty()) {
                respond(response, 400, INVALID_REQUEST, callback);
                return;
            }
            if (!seen.add(refreshToken)) {
                duplicates.incrementAndGet();
            }
            byte[] body = ("{\"access_token\":\"at-" + issued.incrementAndGet()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\""
                    + jsonEscape(refreshToken) + "-r\"}").getBytes(StandardCharsets.UTF_8);
            if (latencyNanos == 0) {
                respond(response, 200, body, callback);
            } else {
                try {
                    scheduler.schedule(() -> respond(response, 200, body, callback), latencyNanos,
                            TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException stopping) {
                    callback.failed(stopping);
                }
            }
        }

        private static void respond(Response response, int status, byte[] body, Callback callback) {
            response.setStatus(status);
            response.getHeaders().put(JSON);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }

        private static String jsonEscape(String value) {
            StringBuilder out = new StringBuilder(value.length() + 8);
            for (char c : value.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
