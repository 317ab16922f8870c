package com.credbroker.refresh.client;

import static com.credbroker.refresh.client.TestAuthConfigs.CLIENT_ID;
import static com.credbroker.refresh.client.TestAuthConfigs.CLIENT_SECRET;
import static com.credbroker.refresh.client.TestAuthConfigs.authConfig;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.config.RefreshConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The token client against WireMock token endpoints: one provider behaviour per test. */
class NimbusTokenClientTest {
    static final String REFRESH_TOKEN = "rt-original-1";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final RefreshConfig CONFIG = RefreshConfig.defaults()
            .withAllowInsecureTokenUrls(true)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(2));

    static WireMockServer provider;

    final NimbusTokenClient client = new NimbusTokenClient(CONFIG, CLOCK);

    @BeforeAll
    static void startProvider() {
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.stop();
    }

    @BeforeEach
    void resetProvider() {
        provider.resetAll();
    }

    static URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + provider.port() + "/token");
    }

    static void answer(ResponseDefinitionBuilder response) {
        provider.stubFor(post(urlEqualTo("/token")).willReturn(response));
    }

    TokenResult refresh(ClientAuthMethod method) {
        return client.refresh(new TokenRequestSpec(authConfig(tokenUrl(), method), REFRESH_TOKEN));
    }

    TokenResult refresh() {
        return refresh(ClientAuthMethod.CLIENT_SECRET_BASIC);
    }

    static TokenSet tokens(TokenResult result) {
        assertThat(result).isInstanceOf(TokenResult.Success.class);
        return ((TokenResult.Success) result).tokens();
    }

    static TokenResult.Failure failure(TokenResult result) {
        assertThat(result).isInstanceOf(TokenResult.Failure.class);
        return (TokenResult.Failure) result;
    }

    static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = provider.findAll(postRequestedFor(urlEqualTo("/token")));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
    }

    // --- success ---

    @Test
    void returnsTokensFromJsonResponse() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"refresh_token\":\"rt-2\",\"scope\":\"repo read:user\"}"));

        TokenSet tokens = tokens(refresh());

        assertThat(tokens.accessToken()).isEqualTo("at-1");
        assertThat(tokens.refreshToken()).isEqualTo("rt-2");
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresInSeconds()).isEqualTo(3600L);
        assertThat(tokens.scope()).isEqualTo("repo read:user");
        assertThat(tokens.idToken()).isNull();
        assertThat(tokens.extras()).isEmpty();
    }

    @Test
    void returnsTokensFromFormEncodedResponse() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("access_token=at%2F1&token_type=bearer&expires_in=28800&refresh_token=rt-2&scope=repo%2Cgist"));

        TokenSet tokens = tokens(refresh());

        assertThat(tokens.accessToken()).isEqualTo("at/1");
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresInSeconds()).isEqualTo(28800L);
        assertThat(tokens.refreshToken()).isEqualTo("rt-2");
        assertThat(tokens.scope()).isEqualTo("repo,gist");
    }

    @Test
    void readsFormBodyLabelledTextPlainAsGitHubSendsIt() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("access_token=gho_abc&scope=repo&token_type=bearer"));

        TokenSet tokens = tokens(refresh());

        assertThat(tokens.accessToken()).isEqualTo("gho_abc");
        assertThat(tokens.expiresInSeconds()).isNull();
    }

    @Test
    void returnsNullRefreshTokenWhenProviderSendsNone() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));

        assertThat(tokens(refresh()).refreshToken()).isNull();
    }

    @Test
    void returnsNullExpiryWhenProviderSendsNoExpiresIn() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        assertThat(tokens(refresh()).expiresInSeconds()).isNull();
    }

    @Test
    void acceptsExpiresInSentAsString() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":\"3599\"}"));

        assertThat(tokens(refresh()).expiresInSeconds()).isEqualTo(3599L);
    }

    @Test
    void keepsIdTokenAndCustomParametersButNotStandardOnes() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"id_token\":\"eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.\",\"refresh_token_expires_in\":15897600,"
                + "\"team\":{\"id\":\"T1\",\"name\":\"Acme\"},\"ok\":true,\"gone\":null}"));

        TokenSet tokens = tokens(refresh());

        assertThat(tokens.idToken()).isEqualTo("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.");
        assertThat(tokens.extras()).containsOnlyKeys("refresh_token_expires_in", "team", "ok");
        assertThat(tokens.extras().get("refresh_token_expires_in")).isEqualTo(15897600L);
        assertThat(tokens.extras().get("team")).isEqualTo(Map.of("id", "T1", "name", "Acme"));
        assertThat(tokens.extras().get("ok")).isEqualTo(true);
    }

    // --- the request ---

    @Test
    void sendsRefreshGrantWithoutScope() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        refresh();

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(request)).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", REFRESH_TOKEN)
                .doesNotContainKey("scope");
    }

    @Test
    void clientSecretBasicSendsBasicHeaderAndNoSecretInBody() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        refresh(ClientAuthMethod.CLIENT_SECRET_BASIC);

        LoggedRequest request = onlyRequest();
        String expected = Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + expected);
        assertThat(form(request)).doesNotContainKeys("client_secret", "client_id");
    }

    @Test
    void clientSecretPostSendsCredentialsInBodyAndNoAuthorizationHeader() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        refresh(ClientAuthMethod.CLIENT_SECRET_POST);

        LoggedRequest request = onlyRequest();
        assertThat(request.containsHeader("Authorization")).isFalse();
        assertThat(form(request)).containsEntry("client_id", CLIENT_ID).containsEntry("client_secret", CLIENT_SECRET);
    }

    @Test
    void publicClientSendsClientIdInBodyAndNoSecret() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        refresh(ClientAuthMethod.NONE);

        LoggedRequest request = onlyRequest();
        assertThat(request.containsHeader("Authorization")).isFalse();
        assertThat(form(request)).containsEntry("client_id", CLIENT_ID).doesNotContainKey("client_secret");
    }

    @Test
    void asksForJson() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        refresh();

        assertThat(onlyRequest().getHeader("Accept")).isEqualTo("application/json");
    }

    // --- OAuth errors ---

    @Test
    void invalidGrantIsFinal() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
        assertThat(failure.code()).isEqualTo("invalid_grant");
        assertThat(failure.description()).isEqualTo("Token has been expired or revoked.");
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.reason()).isEqualTo("invalid_grant: Token has been expired or revoked.");
    }

    @Test
    void invalidClientRejectsTheClient() {
        answer(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\"}"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("invalid_client");
        assertThat(failure.description()).isNull();
    }

    @Test
    void unauthorizedClientRejectsTheClient() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"unauthorized_client\",\"error_description\":\"client disabled\"}"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("unauthorized_client");
    }

    @Test
    void otherOAuthErrorIsRejectedWithItsCode() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_scope\",\"error_description\":\"scope widened\"}"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.REJECTED);
        assertThat(failure.code()).isEqualTo("invalid_scope");
    }

    @Test
    void oauthErrorInFormEncodedBodyIsClassified() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("error=invalid_grant&error_description=revoked"));

        assertThat(failure(refresh()).failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
    }

    @Test
    void errorInSuccessfulResponseIsClassifiedAsGitHubSendsIt() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("error=bad_refresh_token&error_description=The+refresh+token+passed+is+incorrect+or+expired."));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
        assertThat(failure.code()).isEqualTo("bad_refresh_token");
        assertThat(failure.description()).isEqualTo("The refresh token passed is incorrect or expired.");
    }

    @Test
    void bare401RejectsTheClient() {
        answer(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"token\"")
                .withBody("Unauthorized"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("http_401");
    }

    @Test
    void other4xxWithoutOAuthErrorIsRejectedWithItsStatus() {
        answer(aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<h1>Not Found</h1>"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.REJECTED);
        assertThat(failure.code()).isEqualTo("http_404");
    }

    // --- transient and rate limited ---

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408})
    void serverErrorsAndRequestTimeoutAreTransient(int status) {
        answer(aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody("<html>down</html>"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure.code()).isEqualTo("http_" + status);
        assertThat(failure.httpStatus()).isEqualTo(status);
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void serverErrorNeverKillsTheGrantWhateverItsBodySays() {
        answer(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\"}"));

        assertThat(failure(refresh()).failureClass()).isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void serviceUnavailableKeepsRetryAfter() {
        answer(aResponse().withStatus(503).withHeader("Retry-After", "30"));

        assertThat(failure(refresh()).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rateLimitedWithRetryAfterSeconds() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "120"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
        assertThat(failure.code()).isEqualTo("http_429");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void rateLimitedWithRetryAfterHttpDateMeasuredFromTheInjectedClock() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "Thu, 01 Jan 2026 00:02:30 GMT"));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void rateLimitedWithoutRetryAfterHasNoWait() {
        answer(aResponse().withStatus(429));

        assertThat(failure(refresh()).retryAfter()).isNull();
    }

    // --- garbage 2xx ---

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "html            | text/html        | <html><body>Sign in</body></html>                           | bad_response",
        "empty body      | application/json | ~~                                                          | empty_response",
        "JSON array      | application/json | [1,2]                                                       | bad_response",
        "broken JSON     | application/json | {\"access_token\":                                          | bad_response",
        "no access_token | application/json | {\"token_type\":\"Bearer\"}                                 | missing_access_token",
        "blank token     | application/json | {\"access_token\":\" \",\"token_type\":\"Bearer\"}          | missing_access_token",
        "numeric token   | application/json | {\"access_token\":42,\"token_type\":\"Bearer\"}             | missing_access_token",
        "no token_type   | application/json | {\"access_token\":\"at\"}                                   | missing_token_type",
        "mac token_type  | application/json | {\"access_token\":\"at\",\"token_type\":\"mac\"}            | unknown_token_type",
        "odd token_type  | application/json | {\"access_token\":\"at\",\"token_type\":\"Cookie\"}         | unknown_token_type",
        "expires abc     | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":\"abc\"} | invalid_expires_in",
        "expires -5      | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":-5}      | invalid_expires_in",
        "expires \"-5\"  | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":\"-5\"}  | invalid_expires_in",
        "expires 0       | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":0}       | invalid_expires_in",
        "expires 1e12    | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":1000000000000} | invalid_expires_in",
        "expires 1.5     | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":1.5}     | invalid_expires_in",
        "refresh number  | application/json | {\"access_token\":\"at\",\"token_type\":\"Bearer\",\"refresh_token\":7}    | invalid_refresh_token",
    })
    void unusableSuccessfulResponseIsBadResponse(String name, String contentType, String body, String code) {
        answer(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(body == null ? "" : body));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.httpStatus()).isEqualTo(200);
    }

    @Test
    void tokenTypeIsMatchedInAnyCaseAndReportedCanonically() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"BEARER\"}"));

        assertThat(tokens(refresh()).tokenType()).isEqualTo("Bearer");
    }

    @Test
    void emptyRefreshTokenMeansNoneWasSent() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"refresh_token\":\"\"}"));

        assertThat(tokens(refresh()).refreshToken()).isNull();
    }

    @Test
    void longestAllowedLifetimeIsTenYears() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":315360000}"));

        assertThat(tokens(refresh()).expiresInSeconds()).isEqualTo(315_360_000L);
    }

    // --- transport ---

    @Test
    void redirectIsNotFollowed() {
        answer(aResponse().withStatus(302).withHeader("Location", "/elsewhere"));
        provider.stubFor(post(urlEqualTo("/elsewhere"))
                .willReturn(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}")));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.REJECTED);
        assertThat(failure.code()).isEqualTo("unexpected_redirect");
        assertThat(failure.httpStatus()).isEqualTo(302);
        assertThat(provider.findAll(anyRequestedFor(urlEqualTo("/elsewhere")))).isEmpty();
    }

    @Test
    void responseOverTheCapIsRefused() {
        NimbusTokenClient capped = new NimbusTokenClient(withMaxResponseBytes(1024), CLOCK);
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"padding\":\"" + "x".repeat(4096) + "\"}"));

        TokenResult.Failure failure = failure(
                capped.refresh(new TokenRequestSpec(authConfig(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
        assertThat(failure.code()).isEqualTo("response_too_large");
    }

    @Test
    void chunkedResponseOverTheCapIsRefused() {
        NimbusTokenClient capped = new NimbusTokenClient(withMaxResponseBytes(1024), CLOCK);
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"padding\":\"" + "x".repeat(4096) + "\"}")
                .withChunkedDribbleDelay(8, 50));

        TokenResult.Failure failure = failure(
                capped.refresh(new TokenRequestSpec(authConfig(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.code()).isEqualTo("response_too_large");
    }

    @Test
    void responseAtTheCapIsRead() {
        String prefix = "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"padding\":\"";
        String body = prefix + "x".repeat(1024 - prefix.length() - 2) + "\"}";
        assertThat(body).hasSize(1024);
        NimbusTokenClient capped = new NimbusTokenClient(withMaxResponseBytes(1024), CLOCK);
        answer(okJson(body));

        TokenResult result =
                capped.refresh(new TokenRequestSpec(authConfig(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN));

        assertThat(tokens(result).accessToken()).isEqualTo("at-1");
    }

    @Test
    void sequentialRequestsReuseOneConnection() throws Exception {
        // The remote port of each exchange identifies the client's connection.
        java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
            for (int i = 0; i < 20; i++) {
                tokens(client.refresh(new TokenRequestSpec(authConfig(url, ClientAuthMethod.NONE), REFRESH_TOKEN)));
            }
        } finally {
            server.stop(0);
        }

        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void slowResponseTimesOut() {
        NimbusTokenClient impatient = new NimbusTokenClient(
                CONFIG.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMinutes(2)), CLOCK);
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}").withFixedDelay(2_000));

        long started = System.nanoTime();
        TokenResult.Failure failure = failure(
                impatient.refresh(new TokenRequestSpec(authConfig(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure.code()).isEqualTo("timeout");
        assertThat(failure.httpStatus()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void slowBodyTimesOut() {
        NimbusTokenClient impatient = new NimbusTokenClient(
                CONFIG.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMinutes(2)), CLOCK);
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"padding\":\"" + "x".repeat(200) + "\"}")
                .withChunkedDribbleDelay(10, 3_000));

        long started = System.nanoTime();
        TokenResult.Failure failure = failure(
                impatient.refresh(new TokenRequestSpec(authConfig(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure.code()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void refusedConnectionIsTransient() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + closedPort + "/token");

        TokenResult.Failure failure = failure(
                client.refresh(new TokenRequestSpec(authConfig(closed, ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure.code()).isEqualTo("connect_failed");
        assertThat(failure.httpStatus()).isZero();
    }

    @Test
    void connectionResetIsTransientIoError() {
        answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        TokenResult.Failure failure = failure(refresh());

        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure.code()).isEqualTo("io_error");
    }

    @Test
    void interruptedCallerGetsTransientFailureAndKeepsItsInterrupt() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}").withFixedDelay(1_000));

        Thread.currentThread().interrupt();
        TokenResult result;
        boolean stillInterrupted;
        try {
            result = refresh();
        } finally {
            stillInterrupted = Thread.interrupted();
        }

        assertThat(stillInterrupted).isTrue();
        assertThat(failure(result).failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure(result).code()).isEqualTo("interrupted");
    }

    @Test
    void plainHttpEndpointIsRefusedWithoutARequestUnlessAllowed() {
        NimbusTokenClient strict = new NimbusTokenClient(CONFIG.withAllowInsecureTokenUrls(false), CLOCK);
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        TokenResult.Failure failure = failure(
                strict.refresh(new TokenRequestSpec(authConfig(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("insecure_token_endpoint");
        assertThat(provider.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void httpsEndpointIsAttemptedWhenInsecureUrlsAreNotAllowed() throws Exception {
        // Nothing listens there: the point is that the request is made, not refused as insecure.
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        NimbusTokenClient strict = new NimbusTokenClient(CONFIG.withAllowInsecureTokenUrls(false), CLOCK);
        URI https = URI.create("https://127.0.0.1:" + closedPort + "/token");

        TokenResult.Failure failure = failure(
                strict.refresh(new TokenRequestSpec(authConfig(https, ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.code()).isEqualTo("connect_failed");
    }

    @Test
    void nonHttpEndpointIsRefused() {
        TokenResult.Failure failure = failure(client.refresh(new TokenRequestSpec(
                authConfig(URI.create("file:///etc/passwd"), ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("invalid_token_endpoint");
    }

    @Test
    void missingRefreshTokenIsRefusedWithoutARequest() {
        TokenResult.Failure failure = failure(
                client.refresh(new TokenRequestSpec(authConfig(tokenUrl(), ClientAuthMethod.NONE), " ")));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
        assertThat(failure.code()).isEqualTo("missing_refresh_token");
        assertThat(provider.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void confidentialClientWithoutSecretIsRefusedWithoutARequest() {
        TokenResult.Failure failure = failure(client.refresh(new TokenRequestSpec(
                authConfig(tokenUrl(), ClientAuthMethod.CLIENT_SECRET_POST, null), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("invalid_client_config");
        assertThat(provider.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    static RefreshConfig withMaxResponseBytes(int max) {
        RefreshConfig c = CONFIG;
        return new RefreshConfig(c.window(), c.interval(), c.skew(), c.allowInsecureTokenUrls(), c.maxInFlight(),
                c.maxPerAuthConfig(), c.batchSize(), c.jitter(), c.defaultLifetime(), c.maxLifetime(),
                c.backoffBase(), c.backoffCap(), c.connectTimeout(), c.readTimeout(), c.lease(), max);
    }
}
