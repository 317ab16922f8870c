package com.credbroker.broker.connect;

import static com.credbroker.broker.connect.ConnectApi.APP_CALLBACK;
import static com.credbroker.broker.connect.ConnectApi.lookup;
import static com.credbroker.broker.connect.ConnectApi.redirectUrl;
import static com.credbroker.broker.connect.ConnectApi.tokenRequests;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OAuth connect flow end to end: the real broker on a random port, and a real OAuth 2 authorization
 * server in this JVM (mock-oauth2-server, which verifies PKCE) driven by a browser-like HTTP client.
 */
class ConnectFlowIT {
    @TempDir
    Path dataDir;
    private MockOAuth2Server provider;
    private RunningBroker running;
    private String authConfigId;
    private final Browser browser = new Browser();

    @BeforeEach
    void start() throws Exception {
        provider = new MockOAuth2Server();
        provider.start();
        running = new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true",
                "CREDBROKER_REFRESH_INTERVAL", "PT1H"));
        authConfigId = ConnectApi.authConfig(running.http, provider);
    }

    @AfterEach
    void stop() {
        running.close();
        provider.shutdown();
    }

    @Test
    void initiateAuthorizeCallbackLookupAndRefresh() {
        JsonNode started = ConnectApi.initiated(running.http, authConfigId);
        String connectionId = started.get("connection_id").asText();
        Map<String, String> authorization = Browser.query(redirectUrl(started));

        assertThat(started.get("status").asText()).isEqualTo("INITIATED");
        assertThat(started.get("authorization_expires_at").asText()).isEqualTo("2025-11-15T10:40:00Z");
        assertThat(redirectUrl(started).toString()).startsWith(provider.authorizationEndpointUrl("default").toString());
        assertThat(authorization).containsEntry("response_type", "code").containsEntry("client_id", "client-1")
                .containsEntry("scope", "openid profile").containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", "http://localhost:" + running.port()
                        + "/v1/personal-connectors/oauth/callback");
        JsonNode pending = lookup(running.http, connectionId);
        assertThat(pending.get("status").asText()).isEqualTo("INITIATED");
        assertThat(pending.get("entity_id").asText()).isEqualTo("user_42");

        URI callback = browser.follow(redirectUrl(started));
        URI back = browser.follow(callback);

        assertThat(back.toString()).startsWith(APP_CALLBACK + "?from=broker&");
        assertThat(Browser.query(back)).containsEntry("connection_id", connectionId).containsEntry("status", "ACTIVE")
                .doesNotContainKey("error").doesNotContainKey("code").doesNotContainKey("state");
        List<RecordedRequest> seen = ConnectApi.received(provider);
        RecordedRequest exchange = seen.stream().filter(r -> r.getPath().contains("/token")).findFirst().orElseThrow();
        String form = exchange.getBody().readUtf8();
        JsonNode active = lookup(running.http, connectionId);
        assertThat(form).contains("grant_type=authorization_code")
                .contains("code_verifier=" + active.get("code_verifier").asText());
        assertThat(active.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.get("status_reason").isNull()).isTrue();
        assertThat(active.at("/credentials/access_token").asText()).isNotBlank();
        assertThat(active.at("/credentials/refresh_token").asText()).isNotBlank();
        assertThat(active.at("/credentials/expires_in").asLong()).isPositive();
        assertThat(active.get("callback_url").asText()).isEqualTo(APP_CALLBACK + "?from=broker");
        assertThat(active.get("auth_config_id").asText()).isEqualTo(authConfigId);
        assertThat(active.get("app_name").asText()).isEqualTo("mock");

        HttpResponse<String> refreshed = running.http.post(Fixtures.BY_CONNECTION + connectionId + "/refresh",
                RunningBroker.admin(), "");
        assertThat(refreshed.headers().firstValue("X-Refresh-Outcome")).hasValue("success");
        JsonNode after = lookup(running.http, connectionId);
        assertThat(after.at("/credentials/access_token").asText())
                .isNotEqualTo(active.at("/credentials/access_token").asText());
        assertThat(after.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(running.http.get("/v1/personal-connectors/admin/audit?connection_id=" + connectionId,
                RunningBroker.admin()).body()).contains("connection.initiate").contains("connection.callback")
                .contains("\"connected\"");
    }

    @Test
    void theServerVerifiesPkce() {
        JsonNode started = ConnectApi.initiated(running.http, authConfigId);
        String connectionId = started.get("connection_id").asText();
        String credentialId = started.get("credential_id").asText();
        running.http.patch(Fixtures.CREDENTIALS + "/" + credentialId, RunningBroker.admin(),
                "{\"code_verifier\":\"" + "x".repeat(43) + "\"}");

        URI back = browser.follow(browser.follow(redirectUrl(started)));

        assertThat(Browser.query(back)).containsEntry("status", "EXPIRED").containsEntry("error", "invalid_grant");
        JsonNode expired = lookup(running.http, connectionId);
        assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(expired.get("status_reason").asText()).startsWith("code_exchange_failed: invalid_grant");
    }

    @Test
    void aWrongStateIsRefusedWithoutATokenRequestAndTheRealOneStillWorks() {
        JsonNode started = ConnectApi.initiated(running.http, authConfigId);
        URI callback = browser.follow(redirectUrl(started));
        ConnectApi.received(provider);

        HttpResponse<String> wrong = browser.get(Browser.withParam(callback, "state", "A".repeat(43)));
        HttpResponse<String> malformed = browser.get(Browser.withParam(callback, "state", "<script>"));

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(Fixtures.body(wrong).at("/error/code").asText()).isEqualTo("invalid_state");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("<script>");
        assertThat(tokenRequests(provider)).isZero();
        assertThat(lookup(running.http, started.get("connection_id").asText()).get("status").asText())
                .isEqualTo("INITIATED");
        assertThat(Browser.query(browser.follow(callback))).containsEntry("status", "ACTIVE");
    }

    @Test
    void aReusedStateIsRefusedWithoutATokenRequest() {
        JsonNode started = ConnectApi.initiated(running.http, authConfigId);
        URI callback = browser.follow(redirectUrl(started));
        browser.follow(callback);
        ConnectApi.received(provider);

        HttpResponse<String> replayed = browser.get(callback);

        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(Fixtures.body(replayed).at("/error/code").asText()).isEqualTo("invalid_state");
        assertThat(tokenRequests(provider)).isZero();
        assertThat(lookup(running.http, started.get("connection_id").asText()).get("status").asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void anExpiredStateEndsTheFlowWithoutATokenRequest() {
        JsonNode started = ConnectApi.initiated(running.http, authConfigId);
        URI callback = browser.follow(redirectUrl(started));
        ConnectApi.received(provider);
        running.clock.advance(Duration.ofMinutes(10));

        URI back = browser.follow(callback);

        assertThat(Browser.query(back)).containsEntry("status", "EXPIRED")
                .containsEntry("error", "authorization_timeout");
        assertThat(tokenRequests(provider)).isZero();
        JsonNode expired = lookup(running.http, started.get("connection_id").asText());
        assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(expired.get("status_reason").asText()).isEqualTo("authorization_timeout");
        assertThat(browser.get(callback).statusCode()).isEqualTo(400);
    }

    @Test
    void accessDeniedLeavesTheConnectionExpiredWithACodedReason() {
        JsonNode started = ConnectApi.initiated(running.http, authConfigId);
        String state = Browser.query(redirectUrl(started)).get("state");
        URI denied = URI.create("http://localhost:" + running.port() + ConnectRoutes.CALLBACK + "?state=" + state
                + "&error=access_denied&error_description=The+user+said+no%0A%1B%5B31m");

        URI back = browser.follow(denied);

        assertThat(Browser.query(back)).containsEntry("connection_id", started.get("connection_id").asText())
                .containsEntry("status", "EXPIRED").containsEntry("error", "access_denied");
        JsonNode expired = lookup(running.http, started.get("connection_id").asText());
        assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(expired.get("status_reason").asText()).isEqualTo("access_denied: The user said no [31m");
        assertThat(tokenRequests(provider)).isZero();
    }

    @Test
    void anAuthorizationNotCompletedInTimeExpires() {
        JsonNode started = ConnectApi.initiated(running.http, authConfigId);
        String connectionId = started.get("connection_id").asText();

        running.clock.advance(Duration.ofMinutes(9));
        List<String> early = running.broker().sweeper().sweepOnce();
        running.clock.advance(Duration.ofMinutes(1));
        List<String> due = running.broker().sweeper().sweepOnce();

        assertThat(early).isEmpty();
        assertThat(due).containsExactly(connectionId);
        JsonNode expired = lookup(running.http, connectionId);
        assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(expired.get("status_reason").asText()).isEqualTo("authorization_timeout");
        assertThat(running.http.get("/v1/personal-connectors/admin/audit?connection_id=" + connectionId,
                RunningBroker.admin()).body()).contains("connection.timeout");
        assertThat(running.broker().sweeper().sweepOnce()).isEmpty();
    }

    @Test
    void initiateRefusesBadRequestsWithoutEchoingThem() {
        String noAuthorization = Fixtures.body(running.http.post(ConnectApi.AUTH_CONFIGS, RunningBroker.admin(),
                "{\"app_name\":\"imported\",\"token_endpoint\":\"" + provider.tokenEndpointUrl("default")
                        + "\",\"client_id\":\"c\",\"client_secret\":\"s\"}")).get("auth_config_id").asText();
        Map<String, String> reader = Fixtures.key(running.http, "api", "credentials:read");

        assertThat(ConnectApi.initiate(running.http, "ac_doesnotexist0000000000").statusCode()).isEqualTo(422);
        assertThat(ConnectApi.initiate(running.http, noAuthorization).statusCode()).isEqualTo(422);
        HttpResponse<String> badCallback = running.http.post(ConnectRoutes.INITIATE, RunningBroker.admin(),
                "{\"auth_config_id\":\"" + authConfigId + "\",\"callback_url\":\"javascript:CANARYjs\"}");
        assertThat(badCallback.statusCode()).isEqualTo(422);
        assertThat(badCallback.body()).doesNotContain("CANARYjs");
        assertThat(running.http.post(ConnectRoutes.INITIATE, RunningBroker.admin(), "{\"auth_config_id\":\""
                + authConfigId + "\",\"callback_url\":\"https://a.example\",\"extra\":1}").statusCode()).isEqualTo(422);
        assertThat(running.http.post(ConnectRoutes.INITIATE, RunningBroker.admin(), "{\"auth_config_id\":\""
                + authConfigId + "\",\"callback_url\":\"https://a.example\",\"scopes\":[\"a b\"]}").statusCode())
                .isEqualTo(422);
        assertThat(running.http.post(ConnectRoutes.INITIATE, Map.of(), "{}").statusCode()).isEqualTo(401);
        assertThat(running.http.post(ConnectRoutes.INITIATE, reader, "{}").statusCode()).isEqualTo(403);
        assertThat(browser.get(URI.create("http://localhost:" + running.port() + ConnectRoutes.CALLBACK))
                .statusCode()).isEqualTo(400);
    }
}
