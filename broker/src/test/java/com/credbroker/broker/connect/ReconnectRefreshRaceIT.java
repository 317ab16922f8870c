package com.credbroker.broker.connect;

import static com.credbroker.broker.connect.ConnectApi.lookup;
import static com.credbroker.broker.connect.ConnectApi.redirectUrl;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.broker.testing.CapturedLogs;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A reconnect that completes while a refresh of the old grant is in flight (the provider is slow to answer
 * the refresh): the reconnect's tokens stand, the late refresh answer stores nothing, and none of the flow's
 * secrets reaches a log line. WireMock plays the provider's token and revocation endpoints.
 */
class ReconnectRefreshRaceIT {
    private static final Map<String, String> ADMIN = RunningBroker.admin();
    private static final String TOKENS = "{\"access_token\":\"%s\",\"refresh_token\":\"%s\",\"token_type\":\"Bearer\","
            + "\"expires_in\":3600}";
    private static final RequestPatternBuilder REFRESH_SENT = postRequestedFor(urlEqualTo("/token"))
            .withRequestBody(containing("grant_type=refresh_token"));
    @TempDir
    Path dataDir;
    private WireMockServer provider;
    private RunningBroker running;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        ((Logger) LoggerFactory.getLogger("com.credbroker")).setLevel(Level.DEBUG);
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
        provider.stubFor(post(urlEqualTo("/token")).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withFixedDelay(2_000).withHeader("Content-Type", "application/json")
                        .withBody(TOKENS.formatted("CANARY-at-refreshed", "CANARY-rt-refreshed"))));
        provider.stubFor(post(urlEqualTo("/token")).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(TOKENS.formatted("CANARY-at-new", "CANARY-rt-new"))));
        provider.stubFor(post(urlEqualTo("/revoke")).willReturn(aResponse().withStatus(200)));
        running = new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true",
                "CREDBROKER_REFRESH_INTERVAL", "PT1H"));
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("com.credbroker")).setLevel(null);
        running.close();
        provider.stop();
    }

    private void activeConnection() {
        String base = "http://127.0.0.1:" + provider.port();
        String authConfigId = body(running.http.post(ConnectApi.AUTH_CONFIGS, ADMIN, "{\"app_name\":\"slow\","
                + "\"authorization_endpoint\":\"" + base + "/authorize\",\"token_endpoint\":\"" + base + "/token\","
                + "\"revocation_endpoint\":\"" + base + "/revoke\",\"client_id\":\"c-1\",\"client_secret\":\"s-1\","
                + "\"client_auth_method\":\"client_secret_post\"}")).get("auth_config_id").asText();
        HttpResponse<String> created = running.http.post(CREDENTIALS, ADMIN, "{\"connection_id\":\"conn_race\","
                + "\"app_name\":\"slow\",\"auth_scheme\":\"OAUTH2\",\"auth_config_id\":\"" + authConfigId + "\","
                + "\"callback_url\":\"https://app.example/back\",\"credentials\":{\"access_token\":\"CANARY-at-old\","
                + "\"refresh_token\":\"CANARY-rt-old\",\"expires_in\":3600}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Waits (bounded) until the provider has received the refresh request: the refresh is then in flight. */
    private void awaitRefreshInFlight() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (provider.findAll(REFRESH_SENT).isEmpty()) {
            assertThat(System.nanoTime()).as("the refresh request reached the provider").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Test
    void aRefreshInFlightWhenTheReconnectCommitsStoresNothingAndNoSecretIsLogged() {
        activeConnection();
        JsonNode started = body(running.http.post("/v1/personal-connectors/admin/connections/conn_race/reconnect",
                ADMIN, "{}"));
        String state = Browser.query(redirectUrl(started)).get("state");

        CompletableFuture<HttpResponse<String>> refresh = CompletableFuture.supplyAsync(() ->
                running.http.post(Fixtures.BY_CONNECTION + "conn_race/refresh", ADMIN, ""));
        awaitRefreshInFlight();
        URI back = new Browser().follow(URI.create("http://localhost:" + running.port() + ConnectRoutes.CALLBACK
                + "?state=" + state + "&code=CANARYcode0123"));
        HttpResponse<String> lateRefresh = refresh.join();

        assertThat(Browser.query(back)).containsEntry("connection_id", "conn_race").containsEntry("status", "ACTIVE");
        assertThat(lateRefresh.headers().firstValue("X-Refresh-Outcome")).hasValue("fenced");
        JsonNode after = lookup(running.http, "conn_race");
        assertThat(after.at("/credentials/access_token").asText()).isEqualTo("CANARY-at-new");
        assertThat(after.at("/credentials/refresh_token").asText()).isEqualTo("CANARY-rt-new");
        assertThat(after.get("status").asText()).isEqualTo("ACTIVE");
        provider.verify(1, postRequestedFor(urlEqualTo("/revoke")).withRequestBody(containing("token=CANARY-rt-old")));
        List<String> lines = CapturedLogs.snapshot(logs).stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains("CANARY"));
        assertThat(running.http.get("/v1/personal-connectors/admin/audit?connection_id=conn_race", ADMIN).body())
                .contains("\"reconnected\"").doesNotContain("CANARY");
    }
}
