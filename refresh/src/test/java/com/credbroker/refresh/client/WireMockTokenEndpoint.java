package com.credbroker.refresh.client;

import com.credbroker.refresh.testing.TestSettings;
import com.credbroker.config.ConfigTable;
import static com.credbroker.refresh.client.TestAuthConfigs.provider;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.config.RefreshConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A WireMock token endpoint on a dynamic loopback port, reset before each test, and the helpers that
 * drive the client at it. Clock fixed at {@link #NOW}; plain http allowed (loopback).
 */
abstract class WireMockTokenEndpoint {
    static final String REFRESH_TOKEN = "rt-original-1";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final RefreshConfig CONFIG = TestSettings.defaults()
            .allowInsecureTokenUrls(true)
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(2)).refresh();

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
        return client.refresh(new TokenRequestSpec(provider(tokenUrl(), method), REFRESH_TOKEN));
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

    /** A loopback port nothing listens on (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static RefreshConfig withMaxResponseBytes(int max) {
        return TestSettings.of(CONFIG).set(ConfigTable.TOKEN_MAX_RESPONSE_BYTES, max).refresh();
    }
}
