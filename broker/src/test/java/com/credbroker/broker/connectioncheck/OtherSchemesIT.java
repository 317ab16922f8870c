package com.credbroker.broker.connectioncheck;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static com.credbroker.broker.testing.Fixtures.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

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

/** API_KEY, BASIC and BEARER_TOKEN connections: stored, served and tested with their own fields, never refreshed. */
class OtherSchemesIT {
    private static final Map<String, String> ADMIN = RunningBroker.admin();
    @TempDir
    Path dataDir;
    private WireMockServer api;
    private RunningBroker running;

    @BeforeEach
    void start() throws Exception {
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        api.stubFor(get(urlPathEqualTo("/me")).willReturn(aResponse().withStatus(200)));
        // the test API listens on loopback, which connection tests reach only when the operator allows it
        running = new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true",
                "CREDBROKER_EGRESS_ALLOWED_HOSTS", "127.0.0.1"));
    }

    @AfterEach
    void stop() {
        running.close();
        api.stop();
    }

    private HttpResponse<String> create(String connectionId, String scheme, String credentials) {
        return running.http.post(CREDENTIALS, ADMIN, "{\"connection_id\":\"" + connectionId + "\",\"app_name\":\"svc\","
                + "\"auth_scheme\":\"" + scheme + "\",\"base_url\":\"http://127.0.0.1:" + api.port() + "\","
                + "\"test_request_endpoint\":\"/me\",\"credentials\":" + credentials + "}");
    }

    /** Creates, looks up, tests and tries to refresh; returns the lookup. */
    private JsonNode roundTrip(String connectionId, String scheme, String credentials) {
        HttpResponse<String> created = create(connectionId, scheme, credentials);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = body(created).get("credential_id").asText();
        HttpResponse<String> tested = running.http.post(CREDENTIALS + "/" + id + "/test", ADMIN, "");
        assertThat(body(tested).get("status").asText()).as(tested.body()).isEqualTo("healthy");
        HttpResponse<String> refresh = running.http.post(BY_CONNECTION + connectionId + "/refresh", ADMIN, "");
        assertThat(refresh.statusCode()).isEqualTo(409);
        return body(running.http.get(BY_CONNECTION + connectionId, ADMIN));
    }

    @Test
    void eachSchemeIsServedAndTestedWithItsOwnFields() {
        JsonNode apiKey = roundTrip("conn_key", "API_KEY", "{\"api_key\":\"sk-1\"}");
        JsonNode keyInQuery = roundTrip("conn_key_q", "API_KEY", "{\"api_key\":\"sk-2\",\"query_param_name\":\"key\"}");
        JsonNode basic = roundTrip("conn_basic", "BASIC", "{\"username\":\"ada\",\"password\":\"pw-1\"}");
        JsonNode bearer = roundTrip("conn_bearer", "BEARER_TOKEN", "{\"token\":\"bt-1\"}");

        assertThat(apiKey.get("credentials")).isEqualTo(json("{\"api_key\":\"sk-1\"}"));
        assertThat(keyInQuery.at("/credentials/query_param_name").asText()).isEqualTo("key");
        assertThat(basic.get("credentials").toString()).isEqualTo("{\"username\":\"ada\",\"password\":\"pw-1\"}");
        assertThat(bearer.get("credentials")).isEqualTo(json("{\"token\":\"bt-1\"}"));
        for (JsonNode lookup : new JsonNode[] {apiKey, basic, bearer}) {
            assertThat(lookup.get("expires_at").isNull()).isTrue();
            assertThat(lookup.get("status").asText()).isEqualTo("ACTIVE");
        }
        api.verify(getRequestedFor(urlPathEqualTo("/me")).withHeader("X-API-Key", equalTo("sk-1")));
        api.verify(getRequestedFor(urlEqualTo("/me?key=sk-2")));
        api.verify(getRequestedFor(urlPathEqualTo("/me")).withHeader("Authorization", equalTo("Basic YWRhOnB3LTE=")));
        api.verify(getRequestedFor(urlPathEqualTo("/me")).withHeader("Authorization", equalTo("Bearer bt-1")));
    }

    @Test
    void eachSchemeNeedsItsOwnFields() {
        assertThat(create("conn_a", "API_KEY", "{\"token\":\"x\"}").statusCode()).isEqualTo(422);
        assertThat(create("conn_b", "BASIC", "{\"username\":\"ada\"}").statusCode()).isEqualTo(422);
        assertThat(create("conn_c", "BASIC", "{\"username\":\"a:b\",\"password\":\"p\"}").statusCode()).isEqualTo(422);
        assertThat(create("conn_d", "BEARER_TOKEN", "{\"token\":\"\"}").statusCode()).isEqualTo(422);
        assertThat(create("conn_e", "API_KEY", "{\"api_key\":\"k\",\"header_name\":\"X-K\",\"query_param_name\":\"k\"}")
                .statusCode()).isEqualTo(422);
        HttpResponse<String> missing = create("conn_f", "BASIC", "{\"username\":\"CANARY-user\"}");
        assertThat(body(missing).at("/error/message").asText()).contains("credentials.password")
                .doesNotContain("CANARY");
    }

    @Test
    void aRedactedReaderSeesTheShapeButNoValue() {
        create("conn_masked", "BASIC", "{\"username\":\"ada\",\"password\":\"pw-secret\"}");
        Map<String, String> metadata = com.credbroker.broker.testing.Fixtures.key(running.http, "api",
                "credentials:read_metadata");

        JsonNode masked = body(running.http.get(BY_CONNECTION + "conn_masked", metadata));

        assertThat(masked.get("is_redacted").asBoolean()).isTrue();
        assertThat(masked.get("credentials").toString())
                .isEqualTo("{\"username\":\"[REDACTED]\",\"password\":\"[REDACTED]\"}");
    }
}
