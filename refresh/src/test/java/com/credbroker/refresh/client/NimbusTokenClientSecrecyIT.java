package com.credbroker.refresh.client;

import com.credbroker.refresh.testing.TestSettings;
import static com.credbroker.refresh.client.TestAuthConfigs.provider;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.credbroker.config.RefreshConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A provider that echoes what it was sent: the refresh token and client secret (raw, form-encoded,
 * and inside the Basic header) must appear in no field of the failure, its {@code toString()}, or a
 * log line.
 */
class NimbusTokenClientSecrecyIT {
    static final String REFRESH_CANARY = "rt-CANARY-7f3a/x+y=";
    /** Quotes, a backslash and non-ASCII: characters RFC 6749 forbids in error_description. */
    static final String SECRET_CANARY = "cs-CANARY-9b2e&q\"\\é";

    WireMockServer provider;
    ListAppender<ILoggingEvent> logs;
    Logger clientLogger;

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
        clientLogger = (Logger) LoggerFactory.getLogger(NimbusTokenClient.class);
        clientLogger.setLevel(Level.DEBUG);
        clientLogger.setAdditive(false); // captured here, not printed
        logs = new ListAppender<>();
        logs.start();
        clientLogger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        clientLogger.detachAppender(logs);
        clientLogger.setLevel(null);
        clientLogger.setAdditive(true);
        provider.stop();
    }

    @ParameterizedTest
    @EnumSource(value = ClientAuthMethod.class, names = {"CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST"})
    void echoedSecretsAreRedactedEverywhere(ClientAuthMethod method) {
        String basic = Base64.getEncoder().encodeToString(("client-1:" + URLEncoder.encode(SECRET_CANARY,
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        // The provider echoes what it was sent: the Basic header only when one was sent.
        String echo = "refresh_token " + REFRESH_CANARY + " / " + enc(REFRESH_CANARY) + " with secret "
                + SECRET_CANARY.toLowerCase(Locale.ROOT) + " / " + enc(SECRET_CANARY)
                + (method == ClientAuthMethod.CLIENT_SECRET_BASIC ? " header Basic " + basic : "")
                + "\r\nX-Injected: yes";
        provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":" + json(echo) + "}")));
        RefreshConfig config = TestSettings.defaults().allowInsecureTokenUrls(true)
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(2)).refresh();
        NimbusTokenClient client = new NimbusTokenClient(config, Clock.systemUTC());
        URI tokenUrl = URI.create("http://127.0.0.1:" + provider.port() + "/token");

        TokenResult result = client.refresh(
                new TokenRequestSpec(provider(tokenUrl, method, SECRET_CANARY), REFRESH_CANARY));

        assertThat(result).isInstanceOf(TokenResult.Failure.class);
        TokenResult.Failure failure = (TokenResult.Failure) result;
        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
        assertThat(failure.description()).contains("[REDACTED]").doesNotContain("\r", "\n");
        List<String> surfaces = List.of(failure.code(), failure.description(), failure.reason(), failure.toString());
        List<String> logLines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(logLines).isNotEmpty();
        for (String text : concat(surfaces, logLines)) {
            String lower = text.toLowerCase(Locale.ROOT);
            assertThat(lower).doesNotContain("canary", basic.toLowerCase(Locale.ROOT));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClientAuthMethod.class, names = {"CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST"})
    void echoedSecretsInTheErrorCodeAreRedacted(ClientAuthMethod method) {
        provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":" + json(SECRET_CANARY) + "}")));
        RefreshConfig config = TestSettings.defaults().allowInsecureTokenUrls(true).refresh();
        NimbusTokenClient client = new NimbusTokenClient(config, Clock.systemUTC());
        URI tokenUrl = URI.create("http://127.0.0.1:" + provider.port() + "/token");

        TokenResult result = client.refresh(
                new TokenRequestSpec(provider(tokenUrl, method, SECRET_CANARY), REFRESH_CANARY));

        assertThat(result.toString().toLowerCase(Locale.ROOT)).doesNotContain("canary");
        assertThat(((TokenResult.Failure) result).code()).matches("[a-z0-9_.-]{1,64}");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
