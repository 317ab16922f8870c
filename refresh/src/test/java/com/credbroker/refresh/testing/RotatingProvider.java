package com.credbroker.refresh.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real OAuth token endpoint on 127.0.0.1 (random port) for a provider that rotates refresh tokens
 * and detects reuse, as Google, Salesforce, Okta and Auth0 do with rotation on. Each grant has one
 * current refresh token; presenting it returns a new access token and a new refresh token, and the old
 * one becomes used. Presenting a used one revokes the whole grant: every later request for that grant,
 * even with its newest token, gets {@code 400 {"error":"invalid_grant"}}. A second concurrent refresh
 * with the same token therefore destroys the connection, which is what the broker's single-flight must
 * prevent.
 *
 * <p>Thread-safe; the decision for a grant is atomic. Serves at least 512 requests at once (the
 * latency is a sleep on the request's thread). Optionally checks the client's credentials, sent as
 * {@code client_secret_basic} or {@code client_secret_post}.
 */
public final class RotatingProvider implements AutoCloseable {
    private static final int THREADS = 512;
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final String instance = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong reuses = new AtomicLong();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, Grant> grantsByRefreshToken = new ConcurrentHashMap<>();
    private final Queue<InjectedFailure> injected = new ConcurrentLinkedQueue<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile Long expiresIn = 3600L;
    private volatile String requiredClientId;
    private volatile String requiredClientSecret;

    private RotatingProvider() throws IOException {
        executor = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "rotating-provider");
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a provider on a free loopback port. */
    public static RotatingProvider start() {
        try {
            return new RotatingProvider();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the rotating provider", e);
        }
    }

    /** {@code http://127.0.0.1:<port>/token}. */
    public URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** Creates a grant with a first access token and returns its first refresh token. */
    public String seed(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        Grant grant = new Grant(grantId, newToken("rt", grantId), newToken("at", grantId));
        if (grants.putIfAbsent(grantId, grant) != null) {
            throw new IllegalArgumentException("grant already seeded: " + grantId);
        }
        grantsByRefreshToken.put(grant.refreshToken, grant);
        return grant.refreshToken;
    }

    /** Checks client credentials on every request from now on; a null secret means a public client. */
    public void requireClient(String clientId, String clientSecret) {
        this.requiredClientSecret = clientSecret;
        this.requiredClientId = Objects.requireNonNull(clientId, "clientId");
    }

    /** {@code expires_in} of new tokens; null leaves it out of the response. Default 3600. */
    public void setExpiresIn(Long seconds) {
        this.expiresIn = seconds;
    }

    /** Delay before each answer. */
    public void setLatency(Duration latency) {
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    /** The next token request (whatever it presents) gets this answer instead; queued when called again. */
    public void failNext(int status, String body) {
        failNext(status, body, Map.of());
    }

    /** As {@link #failNext(int, String)}, with response headers (e.g. {@code Retry-After}). */
    public void failNext(int status, String body, Map<String, String> headers) {
        injected.add(new InjectedFailure(status, body, Map.copyOf(headers)));
    }

    /** Token requests received, of every kind. */
    public long calls() {
        return calls.get();
    }

    /** Token requests that presented one of the grant's refresh tokens. */
    public long calls(String grantId) {
        return grant(grantId).calls.get();
    }

    /** Presentations of a used refresh token (the first one revokes its grant); 0 when nothing was reused. */
    public long reuseDetected() {
        return reuses.get();
    }

    public boolean revoked(String grantId) {
        Grant grant = grant(grantId);
        synchronized (grant) {
            return grant.revoked;
        }
    }

    public String currentRefreshToken(String grantId) {
        Grant grant = grant(grantId);
        synchronized (grant) {
            return grant.refreshToken;
        }
    }

    public String currentAccessToken(String grantId) {
        Grant grant = grant(grantId);
        synchronized (grant) {
            return grant.accessToken;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRequestURI().getPath().equals("/token")) {
                respond(exchange, 404, "{\"error\":\"not_found\"}");
            } else if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 405, "{\"error\":\"method_not_allowed\"}");
            } else {
                Answer answer = answer(exchange, form(exchange.getRequestBody()));
                answer.headers.forEach(exchange.getResponseHeaders()::set);
                respond(exchange, answer.status, answer.body);
            }
        } catch (IllegalArgumentException malformedForm) {
            respond(exchange, 400, "{\"error\":\"invalid_request\"}");
        } finally {
            exchange.close();
        }
    }

    private Answer answer(HttpExchange exchange, Map<String, String> form) {
        calls.incrementAndGet();
        Grant grant = form.containsKey("refresh_token") ? grantsByRefreshToken.get(form.get("refresh_token")) : null;
        if (grant != null) {
            grant.calls.incrementAndGet();
        }
        sleep(latency);
        InjectedFailure failure = injected.poll();
        if (failure != null) {
            return new Answer(failure.status, failure.body, failure.headers);
        }
        if (!clientAccepted(exchange, form)) {
            return new Answer(401, "{\"error\":\"invalid_client\"}");
        }
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return new Answer(400, "{\"error\":\"unsupported_grant_type\"}");
        }
        if (!form.containsKey("refresh_token")) {
            return new Answer(400, "{\"error\":\"invalid_request\"}");
        }
        return grant == null ? invalidGrant() : rotate(grant, form.get("refresh_token"));
    }

    private Answer rotate(Grant grant, String presented) {
        String refreshToken;
        String accessToken;
        synchronized (grant) {
            if (!grant.refreshToken.equals(presented)) {
                // Every presentation of a used token is a reuse, also after the grant is revoked.
                grant.revoked = true;
                reuses.incrementAndGet();
                return invalidGrant();
            }
            if (grant.revoked) {
                return invalidGrant();
            }
            grant.refreshToken = newToken("rt", grant.id);
            grant.accessToken = newToken("at", grant.id);
            grantsByRefreshToken.put(grant.refreshToken, grant);
            refreshToken = grant.refreshToken;
            accessToken = grant.accessToken;
        }
        Long lifetime = expiresIn;
        return new Answer(200, "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\","
                + (lifetime == null ? "" : "\"expires_in\":" + lifetime + ",")
                + "\"refresh_token\":\"" + refreshToken + "\"}");
    }

    private boolean clientAccepted(HttpExchange exchange, Map<String, String> form) {
        String clientId = requiredClientId;
        if (clientId == null) {
            return true;
        }
        String[] sent = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
        if (sent == null) {
            sent = new String[] {form.get("client_id"), form.get("client_secret")};
        }
        String secret = requiredClientSecret;
        return clientId.equals(sent[0]) && (secret == null ? sent[1] == null : constantTimeEquals(secret, sent[1]));
    }

    /** {@code [id, secret]} from a Basic header (RFC 6749 section 2.3.1: each part form-encoded), or null. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (!pair.isEmpty()) {
                form.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Answer invalidGrant() {
        return new Answer(400, "{\"error\":\"invalid_grant\"}");
    }

    private String newToken(String prefix, String grantId) {
        return prefix + "-" + grantId + "-" + instance + "-" + sequence.incrementAndGet();
    }

    private Grant grant(String grantId) {
        Grant grant = grants.get(grantId);
        if (grant == null) {
            throw new IllegalArgumentException("no such grant: " + grantId);
        }
        return grant;
    }

    private static void sleep(Duration duration) {
        if (!duration.isZero()) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One grant's state; fields other than {@code calls} are guarded by the grant's monitor. */
    private static final class Grant {
        final String id;
        final AtomicLong calls = new AtomicLong();
        String refreshToken;
        String accessToken;
        boolean revoked;

        Grant(String id, String refreshToken, String accessToken) {
            this.id = id;
            this.refreshToken = refreshToken;
            this.accessToken = accessToken;
        }
    }

    private record InjectedFailure(int status, String body, Map<String, String> headers) {
    }

    private record Answer(int status, String body, Map<String, String> headers) {
        Answer(int status, String body) {
            this(status, body, Map.of());
        }
    }
}
