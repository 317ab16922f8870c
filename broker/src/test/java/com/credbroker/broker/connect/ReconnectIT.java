package com.credbroker.broker.connect;

import static com.credbroker.broker.connect.ConnectApi.lookup;
import static com.credbroker.broker.connect.ConnectApi.redirectUrl;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconnect in place end to end: the real broker on a random port, a real OAuth 2 authorization server
 * (mock-oauth2-server: PKCE checked, ID tokens whose {@code sub} a test chooses) and a WireMock RFC 7009
 * revocation endpoint.
 */
class ReconnectIT {
    private static final Map<String, String> ADMIN = RunningBroker.admin();
    private static final String CONNECTIONS = "/v1/personal-connectors/admin/connections/";
    private static final String AUDIT = "/v1/personal-connectors/admin/audit?connection_id=";
    private static final String BACK = "https://app.example/reconnected";
    @TempDir
    Path dataDir;
    @TempDir
    Path templatesDir;
    private MockOAuth2Server provider;
    private WireMockServer revocation;
    private RunningBroker running;
    private String authConfigId;
    private final Browser browser = new Browser();

    @BeforeEach
    void start() throws Exception {
        provider = new MockOAuth2Server();
        provider.start();
        revocation = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        revocation.start();
        revocation.stubFor(post(urlEqualTo("/revoke")).willReturn(aResponse().withStatus(200)));
        // an OpenID provider template: its ID tokens are verified, so the account of a grant is known
        Path templates = templatesDir.resolve("mock-oidc.json");
        Files.writeString(templates, "{\"name\":\"mock-oidc\",\"display_name\":\"Mock OpenID provider\","
                + "\"docs\":[\"https://github.com/navikt/mock-oauth2-server\"],\"auth_scheme\":\"OAUTH2\","
                + "\"issuer\":\"" + provider.issuerUrl(ConnectApi.ISSUER) + "\","
                + "\"revocation_url\":\"http://127.0.0.1:" + revocation.port() + "/revoke\","
                + "\"refresh_token_rotation\":true}");
        running = new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true",
                "CREDBROKER_REFRESH_INTERVAL", "PT1H", "CREDBROKER_PROVIDERS_FILE", templates.toString()));
        // the provider signs ID tokens with the real time; the broker checks them against its clock
        running.clock.set(Instant.now());
        authConfigId = authConfig("mock");
    }

    @AfterEach
    void stop() {
        running.close();
        revocation.stop();
        provider.shutdown();
    }

    private String authConfig(String appName) {
        HttpResponse<String> created = running.http.post(ConnectApi.AUTH_CONFIGS, ADMIN, "{\"app_name\":\"" + appName
                + "\",\"provider\":\"mock-oidc\",\"client_id\":\"client-1\","
                + "\"client_secret\":\"" + ConnectApi.CLIENT_SECRET + "\","
                + "\"client_auth_method\":\"client_secret_basic\",\"scopes\":[\"openid\",\"profile\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created).get("auth_config_id").asText();
    }

    /** An imported OAUTH2 connection that ended EXPIRED (invalid_grant), of upstream account {@code alice}. */
    private String expiredConnection(String connectionId) {
        HttpResponse<String> created = running.http.post(CREDENTIALS, ADMIN, "{\"connection_id\":\"" + connectionId
                + "\",\"app_name\":\"mock\",\"auth_scheme\":\"OAUTH2\",\"auth_config_id\":\"" + authConfigId + "\","
                + "\"status\":\"EXPIRED\",\"status_reason\":\"invalid_grant: the refresh token was revoked\","
                + "\"account_id\":\"alice\",\"entity_id\":\"user_42\",\"callback_url\":\"https://app.example/first\","
                + "\"base_url\":\"https://api.example\",\"expires_at\":\"2025-11-15T09:00:00Z\","
                + "\"credentials\":{\"access_token\":\"at-old\",\"refresh_token\":\"rt-old\","
                + "\"token_type\":\"Bearer\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created).get("credential_id").asText();
    }

    private HttpResponse<String> reconnect(String connectionId, String json) {
        return running.http.post(CONNECTIONS + connectionId + "/reconnect", ADMIN, json);
    }

    private JsonNode reconnected(String connectionId, boolean allowAccountChange) {
        HttpResponse<String> response = reconnect(connectionId, "{\"callback_url\":\"" + BACK + "\","
                + "\"allow_account_change\":" + allowAccountChange + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return body(response);
    }

    /** The next sign-in at the provider is {@code subject}'s, with an ID token for this client (its audience). */
    private void signInAs(String subject) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ConnectApi.ISSUER, subject, "JWT",
                List.of("client-1"), Map.of(), 3600));
    }

    /** The user signs in at the provider as {@code subject}; returns where the broker sends the browser. */
    private Map<String, String> authorizeAs(String subject, JsonNode started) {
        signInAs(subject);
        URI callback = browser.follow(redirectUrl(started));
        URI back = browser.follow(callback);
        assertThat(back.toString()).startsWith(BACK + "?");
        return Browser.query(back);
    }

    private String audit(String connectionId) {
        return running.http.get(AUDIT + connectionId, ADMIN).body();
    }

    @Test
    void anExpiredConnectionIsReconnectedUnderItsOwnIdsAndTheOldGrantRevoked() {
        String credentialId = expiredConnection("conn_recon");
        JsonNode before = lookup(running.http, "conn_recon");

        JsonNode started = reconnected("conn_recon", false);
        JsonNode pending = lookup(running.http, "conn_recon");
        Map<String, String> back = authorizeAs("alice", started);

        assertThat(started.get("connection_id").asText()).isEqualTo("conn_recon");
        assertThat(started.get("credential_id").asText()).isEqualTo(credentialId);
        assertThat(started.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(pending).isEqualTo(before);
        assertThat(back).containsEntry("connection_id", "conn_recon").containsEntry("status", "ACTIVE")
                .doesNotContainKey("error");
        JsonNode after = lookup(running.http, "conn_recon");
        assertThat(after.get("credential_id").asText()).isEqualTo(credentialId);
        assertThat(after.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(after.get("status_reason").isNull()).isTrue();
        assertThat(after.at("/credentials/access_token").asText()).isNotBlank().isNotEqualTo("at-old");
        assertThat(after.at("/credentials/refresh_token").asText()).isNotBlank().isNotEqualTo("rt-old");
        assertThat(after.at("/credentials/expires_in").asLong()).isPositive();
        assertThat(after.get("account_id").asText()).isEqualTo("alice");
        assertThat(after.get("entity_id").asText()).isEqualTo("user_42");
        assertThat(after.get("base_url").asText()).isEqualTo("https://api.example");
        assertThat(after.get("callback_url").asText()).isEqualTo(BACK);
        revocation.verify(1, postRequestedFor(urlEqualTo("/revoke")).withRequestBody(containing("token=rt-old"))
                .withRequestBody(containing("token_type_hint=refresh_token")));
        assertThat(audit("conn_recon")).contains("\"connection.reconnect\"").contains("\"initiated\"")
                .contains("\"reconnected\"").contains("\"credential.revoke\"").contains("\"revoked\"")
                .doesNotContain("rt-old").doesNotContain("at-old");
    }

    @Test
    void aGrantOfAnotherAccountIsRefusedAndNothingChanges() {
        expiredConnection("conn_other");
        JsonNode before = lookup(running.http, "conn_other");

        Map<String, String> back = authorizeAs("bob", reconnected("conn_other", false));

        assertThat(back).containsEntry("connection_id", "conn_other").containsEntry("status", "EXPIRED")
                .containsEntry("error", "account_mismatch");
        assertThat(lookup(running.http, "conn_other")).isEqualTo(before);
        revocation.verify(0, anyRequestedFor(anyUrl()));
        assertThat(audit("conn_other")).contains("\"account_mismatch\"").doesNotContain("\"reconnected\"");
    }

    @Test
    void anAccountChangeIsAcceptedWhenTheRequestAllowsIt() {
        expiredConnection("conn_switch");

        Map<String, String> back = authorizeAs("bob", reconnected("conn_switch", true));

        assertThat(back).containsEntry("status", "ACTIVE").doesNotContainKey("error");
        JsonNode after = lookup(running.http, "conn_switch");
        assertThat(after.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(after.get("account_id").asText()).isEqualTo("bob");
        assertThat(after.at("/credentials/access_token").asText()).isNotEqualTo("at-old");
    }

    @Test
    void aDeniedReconnectLeavesTheConnectionAsItWas() {
        expiredConnection("conn_denied");
        JsonNode before = lookup(running.http, "conn_denied");
        String state = Browser.query(redirectUrl(reconnected("conn_denied", false))).get("state");

        URI back = browser.follow(URI.create("http://localhost:" + running.port() + ConnectRoutes.CALLBACK
                + "?state=" + state + "&error=access_denied"));

        assertThat(Browser.query(back)).containsEntry("status", "EXPIRED").containsEntry("error", "access_denied");
        assertThat(lookup(running.http, "conn_denied")).isEqualTo(before);
    }

    @Test
    void unknownOtherAuthConfigAndNonOauthConnectionsAreRefused() {
        expiredConnection("conn_mine");
        String otherConfig = authConfig("other");
        running.http.post(CREDENTIALS, ADMIN, "{\"connection_id\":\"conn_key\",\"app_name\":\"openai\","
                + "\"auth_scheme\":\"API_KEY\",\"credentials\":{\"api_key\":\"sk-CANARY\"}}");

        HttpResponse<String> unknown = reconnect("conn_nobody", "{}");
        HttpResponse<String> otherAuthConfig = reconnect("conn_mine", "{\"auth_config_id\":\"" + otherConfig + "\"}");
        HttpResponse<String> apiKey = reconnect("conn_key", "{\"callback_url\":\"" + BACK + "\"}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(body(unknown).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(otherAuthConfig.statusCode()).isEqualTo(409);
        assertThat(body(otherAuthConfig).at("/error/code").asText()).isEqualTo("auth_config_mismatch");
        assertThat(apiKey.statusCode()).isEqualTo(409);
        assertThat(body(apiKey).at("/error/code").asText()).isEqualTo("not_oauth2");
        assertThat(apiKey.body()).doesNotContain("sk-CANARY");
        assertThat(lookup(running.http, "conn_mine").get("status").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void aRefreshCommittedDuringTheFlowIsReplacedByTheReconnectNotLost() {
        JsonNode first = ConnectApi.initiated(running.http, authConfigId);
        String connectionId = first.get("connection_id").asText();
        signInAs("alice");
        browser.follow(browser.follow(redirectUrl(first)));
        JsonNode started = reconnected(connectionId, false);

        HttpResponse<String> refreshed = running.http.post(Fixtures.BY_CONNECTION + connectionId + "/refresh", ADMIN,
                "");
        JsonNode afterRefresh = lookup(running.http, connectionId);
        Map<String, String> back = authorizeAs("alice", started);

        assertThat(refreshed.headers().firstValue("X-Refresh-Outcome")).hasValue("success");
        assertThat(back).containsEntry("status", "ACTIVE").doesNotContainKey("error");
        JsonNode after = lookup(running.http, connectionId);
        assertThat(after.get("credential_id").asText()).isEqualTo(first.get("credential_id").asText());
        assertThat(after.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(after.at("/credentials/access_token").asText())
                .isNotEqualTo(afterRefresh.at("/credentials/access_token").asText());
        assertThat(after.at("/credentials/refresh_token").asText())
                .isNotEqualTo(afterRefresh.at("/credentials/refresh_token").asText());
        // the grant the reconnect replaced is the refreshed one: the refresh was seen, not overwritten blindly
        revocation.verify(1, postRequestedFor(urlEqualTo("/revoke")).withRequestBody(containing(
                "token=" + afterRefresh.at("/credentials/refresh_token").asText())));
    }
}
