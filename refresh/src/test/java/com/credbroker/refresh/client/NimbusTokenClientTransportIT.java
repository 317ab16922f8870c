package com.credbroker.refresh.client;

import com.credbroker.refresh.testing.TestSettings;
import static com.credbroker.refresh.client.TestAuthConfigs.provider;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.config.EgressAllowList;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The token client against WireMock and raw sockets: redirects, size cap, timeouts, connections, refusals. */
class NimbusTokenClientTransportIT extends WireMockTokenEndpoint {
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
                capped.refresh(new TokenRequestSpec(provider(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.BAD_RESPONSE);
        assertThat(failure.code()).isEqualTo("response_too_large");
    }

    @Test
    void chunkedResponseOverTheCapIsRefused() {
        NimbusTokenClient capped = new NimbusTokenClient(withMaxResponseBytes(1024), CLOCK);
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"padding\":\"" + "x".repeat(4096) + "\"}")
                .withChunkedDribbleDelay(8, 50));

        TokenResult.Failure failure = failure(
                capped.refresh(new TokenRequestSpec(provider(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN)));

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
                capped.refresh(new TokenRequestSpec(provider(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN));

        assertThat(tokens(result).accessToken()).isEqualTo("at-1");
    }

    @Test
    void sequentialRequestsReuseOneConnection() throws Exception {
        // The remote port of each exchange identifies the client's connection.
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
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
                tokens(client.refresh(new TokenRequestSpec(provider(url, ClientAuthMethod.NONE), REFRESH_TOKEN)));
            }
        } finally {
            server.stop(0);
        }

        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void slowResponseTimesOut() {
        NimbusTokenClient impatient = new NimbusTokenClient(
                TestSettings.of(CONFIG).timeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMinutes(2)).refresh(), CLOCK);
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}").withFixedDelay(2_000));

        long started = System.nanoTime();
        TokenResult.Failure failure = failure(
                impatient.refresh(new TokenRequestSpec(provider(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure.code()).isEqualTo("timeout");
        assertThat(failure.httpStatus()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void slowBodyTimesOut() {
        NimbusTokenClient impatient = new NimbusTokenClient(
                TestSettings.of(CONFIG).timeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMinutes(2)).refresh(), CLOCK);
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"padding\":\"" + "x".repeat(200) + "\"}")
                .withChunkedDribbleDelay(10, 3_000));

        long started = System.nanoTime();
        TokenResult.Failure failure = failure(
                impatient.refresh(new TokenRequestSpec(provider(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
        assertThat(failure.code()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void refusedConnectionIsTransient() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + closedPort() + "/token");

        TokenResult.Failure failure = failure(
                client.refresh(new TokenRequestSpec(provider(closed, ClientAuthMethod.NONE), REFRESH_TOKEN)));

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
        NimbusTokenClient strict = new NimbusTokenClient(TestSettings.of(CONFIG).allowInsecureTokenUrls(false).refresh(), CLOCK);
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        TokenResult.Failure failure = failure(
                strict.refresh(new TokenRequestSpec(provider(tokenUrl(), ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("insecure_token_endpoint");
        assertThat(provider.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    /** https only, and the egress rule on, with the test's loopback provider allow-listed by the operator. */
    private static NimbusTokenClient strictAllowingLoopback() {
        return new NimbusTokenClient(TestSettings.of(CONFIG).allowInsecureTokenUrls(false).refresh(), EgressPolicy.enforcing(
                EgressAllowList.of(List.of("127.0.0.1")), HostResolver.system()), CLOCK);
    }

    @Test
    void httpsEndpointIsAttemptedWhenInsecureUrlsAreNotAllowed() throws Exception {
        // Nothing listens there: the point is that the request is made, not refused as insecure.
        NimbusTokenClient strict = strictAllowingLoopback();
        URI https = URI.create("https://127.0.0.1:" + closedPort() + "/token");

        TokenResult.Failure failure = failure(
                strict.refresh(new TokenRequestSpec(provider(https, ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.code()).isEqualTo("connect_failed");
    }

    @Test
    void httpsEndpointWithAnUntrustedCertificateFailsWithoutSendingTheGrant() {
        WireMockServer tls = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1"));
        tls.start();
        try {
            tls.stubFor(post(urlEqualTo("/token"))
                    .willReturn(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}")));
            NimbusTokenClient strict = strictAllowingLoopback();
            URI https = URI.create("https://127.0.0.1:" + tls.httpsPort() + "/token");

            TokenResult.Failure failure = failure(
                    strict.refresh(new TokenRequestSpec(provider(https, ClientAuthMethod.NONE), REFRESH_TOKEN)));

            assertThat(failure.failureClass()).isEqualTo(FailureClass.TRANSIENT);
            assertThat(failure.code()).isEqualTo("io_error");
            assertThat(failure.description()).contains("TLS");
            assertThat(tls.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        } finally {
            tls.stop();
        }
    }

    @Test
    void nonHttpEndpointIsRefused() {
        TokenResult.Failure failure = failure(client.refresh(new TokenRequestSpec(
                provider(URI.create("file:///etc/passwd"), ClientAuthMethod.NONE), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("invalid_token_endpoint");
    }

    @Test
    void missingRefreshTokenIsRefusedWithoutARequest() {
        TokenResult.Failure failure = failure(
                client.refresh(new TokenRequestSpec(provider(tokenUrl(), ClientAuthMethod.NONE), " ")));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
        assertThat(failure.code()).isEqualTo("missing_refresh_token");
        assertThat(provider.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void confidentialClientWithoutSecretIsRefusedWithoutARequest() {
        TokenResult.Failure failure = failure(client.refresh(new TokenRequestSpec(
                provider(tokenUrl(), ClientAuthMethod.CLIENT_SECRET_POST, null), REFRESH_TOKEN)));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(failure.code()).isEqualTo("invalid_client_config");
        assertThat(provider.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
