package com.credbroker.broker.connectioncheck;

import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection health and tests through the real server, against a WireMock API and token endpoint. */
class ConnectionHealthIT {
    private static final Map<String, String> ADMIN = RunningBroker.admin();
    @TempDir
    Path dataDir;
    private WireMockServer api;
    private RunningBroker running;
    private String authConfigId;

    @BeforeEach
    void start() throws Exception {
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        // the test API listens on loopback, which connection tests reach only when the operator allows it
        running = new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true",
                "CREDBROKER_REFRESH_INTERVAL", "PT1H", "CREDBROKER_EGRESS_ALLOWED_HOSTS", "127.0.0.1"));
        HttpResponse<String> created = running.http.post("/v1/personal-connectors/admin/auth-configs", ADMIN,
                "{\"app_name\":\"api\",\"token_endpoint\":\"" + base() + "/token\",\"client_id\":\"c\","
                        + "\"client_secret\":\"s\"}");
        authConfigId = body(created).get("auth_config_id").asText();
    }

    @AfterEach
    void stop() {
        running.close();
        api.stop();
    }

    private String base() {
        return "http://127.0.0.1:" + api.port();
    }

    /** Creates an OAuth2 connection testable at {@code endpoint}; returns its credential ID. */
    private String connection(String connectionId, String endpoint) {
        HttpResponse<String> created = running.http.post(CREDENTIALS, ADMIN, "{\"connection_id\":\"" + connectionId
                + "\",\"app_name\":\"api\",\"auth_scheme\":\"OAUTH2\",\"auth_config_id\":\"" + authConfigId + "\","
                + "\"base_url\":\"" + base() + "\",\"test_request_endpoint\":\"" + endpoint + "\","
                + "\"extra_headers\":{\"X-Tenant\":\"t1\"},\"query_params\":{\"team\":\"core\"},"
                + "\"credentials\":{\"access_token\":\"at-old\",\"refresh_token\":\"rt-1\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created).get("credential_id").asText();
    }

    private HttpResponse<String> test(String credentialId) {
        return running.http.post(CREDENTIALS + "/" + credentialId + "/test", ADMIN, "");
    }

    private JsonNode health(String credentialId) {
        HttpResponse<String> response = running.http.get(CREDENTIALS + "/" + credentialId + "/health", ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return body(response);
    }

    @Test
    void aTwoHundredIsHealthyAndRecorded() {
        api.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{\"secret_body\":\"CANARY-body\"}")));
        String id = connection("conn_ok", "/user");

        JsonNode before = health(id);
        HttpResponse<String> tested = test(id);
        JsonNode after = health(id);

        assertThat(before.get("status").asText()).isEqualTo("unknown");
        assertThat(before.get("reason").asText()).isEqualTo("never_tested");
        assertThat(tested.statusCode()).isEqualTo(200);
        assertThat(body(tested).get("status").asText()).isEqualTo("healthy");
        assertThat(tested.body()).doesNotContain("CANARY-body").doesNotContain("at-old");
        assertThat(after.get("status").asText()).isEqualTo("healthy");
        assertThat(after.get("reason").isNull()).isTrue();
        assertThat(after.get("last_checked_at").asText()).isEqualTo("2025-11-15T10:30:00Z");
        assertThat(after.get("http_status").asInt()).isEqualTo(200);
        api.verify(getRequestedFor(urlEqualTo("/user?team=core")).withHeader("Authorization", equalTo("Bearer at-old"))
                .withHeader("X-Tenant", equalTo("t1")));
    }

    @Test
    void a401GetsOneRefreshAndOneRetryThenUnhealthy() {
        api.stubFor(get(urlPathEqualTo("/user")).willReturn(aResponse().withStatus(401)));
        api.stubFor(get(urlPathEqualTo("/fixed")).willReturn(aResponse().withStatus(401)));
        api.stubFor(get(urlPathEqualTo("/fixed")).withHeader("Authorization", equalTo("Bearer at-new"))
                .willReturn(aResponse().withStatus(200)));
        api.stubFor(post(urlEqualTo("/token")).willReturn(okJson(
                "{\"access_token\":\"at-new\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));

        JsonNode recovered = body(test(connection("conn_fixed", "/fixed")));
        JsonNode refused = body(test(connection("conn_refused", "/user")));

        assertThat(recovered.get("status").asText()).isEqualTo("healthy");
        assertThat(recovered.get("refreshed").asBoolean()).isTrue();
        assertThat(refused.get("status").asText()).isEqualTo("unhealthy");
        assertThat(refused.get("reason").asText()).startsWith("http_401_after_refresh");
        api.verify(2, postRequestedFor(urlEqualTo("/token")));
        api.verify(2, getRequestedFor(urlPathEqualTo("/user")));
        assertThat(running.http.get(Fixtures.BY_CONNECTION + "conn_fixed", ADMIN).body()).contains("at-new");
    }

    @Test
    void redirectsAreNotFollowedAndOffHostEndpointsAreRefused() {
        api.stubFor(get(urlPathEqualTo("/moved")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", base() + "/elsewhere")));

        JsonNode moved = body(test(connection("conn_moved", "/moved")));
        HttpResponse<String> offHost = test(connection("conn_off", "https://evil.example/steal"));

        assertThat(moved.get("status").asText()).isEqualTo("unhealthy");
        assertThat(moved.get("reason").asText()).startsWith("unexpected_redirect");
        api.verify(0, getRequestedFor(urlPathEqualTo("/elsewhere")));
        assertThat(offHost.statusCode()).isEqualTo(422);
        assertThat(body(offHost).at("/error/code").asText()).isEqualTo("test_endpoint_not_allowed");
        assertThat(offHost.body()).doesNotContain("evil.example");
        assertThat(health(body(running.http.get(Fixtures.BY_CONNECTION + "conn_off", ADMIN))
                .get("credential_id").asText()).get("reason").asText()).isEqualTo("never_tested");
    }

    @Test
    void aDisabledConnectionIsNeitherTestedNorRefreshedAndWithholdsItsSecrets() {
        String id = connection("conn_off_duty", "/user");

        assertThat(running.http.post(CREDENTIALS + "/" + id + "/disable", ADMIN, "").statusCode()).isEqualTo(200);
        HttpResponse<String> tested = test(id);
        HttpResponse<String> refreshed = running.http.post(Fixtures.BY_CONNECTION + "conn_off_duty/refresh", ADMIN, "");
        JsonNode lookup = body(running.http.get(Fixtures.BY_CONNECTION + "conn_off_duty", ADMIN));
        JsonNode health = health(id);

        assertThat(tested.statusCode()).isEqualTo(409);
        assertThat(body(tested).at("/error/code").asText()).isEqualTo("connection_disabled");
        assertThat(refreshed.statusCode()).isEqualTo(409);
        assertThat(lookup.get("is_disabled").asBoolean()).isTrue();
        assertThat(lookup.get("is_redacted").asBoolean()).isTrue();
        assertThat(lookup.at("/credentials/access_token").asText()).isEqualTo("[REDACTED]");
        assertThat(health.get("status").asText()).isEqualTo("unknown");
        assertThat(health.get("reason").asText()).startsWith("connection_disabled");
        api.verify(0, anyRequestedFor(anyUrl()));

        running.http.post(CREDENTIALS + "/" + id + "/enable", ADMIN, "");
        JsonNode enabled = body(running.http.get(Fixtures.BY_CONNECTION + "conn_off_duty", ADMIN));
        assertThat(enabled.get("is_disabled").asBoolean()).isFalse();
        assertThat(enabled.at("/credentials/access_token").asText()).isEqualTo("at-old");
    }

    @Test
    void testingNeedsTheRefreshScopeAndHealthAReadScope() {
        String id = connection("conn_scoped", "/user");
        Map<String, String> metadata = Fixtures.key(running.http, "api", "credentials:read_metadata");

        assertThat(running.http.post(CREDENTIALS + "/" + id + "/test", metadata, "").statusCode()).isEqualTo(403);
        assertThat(running.http.get(CREDENTIALS + "/" + id + "/health", metadata).statusCode()).isEqualTo(200);
        assertThat(running.http.get(CREDENTIALS + "/cred_unknown0000000000000000/health", ADMIN).statusCode())
                .isEqualTo(404);
        assertThat(running.http.post(CREDENTIALS + "/nonsense/test", ADMIN, "").statusCode()).isEqualTo(404);
    }
}
