package com.credbroker.broker.apikey;

import static com.credbroker.broker.testing.Fixtures.API_KEYS;
import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.OnFakeBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API key routes on {@code BrokerApp} over in-memory storage, and what a key's scopes allow. */
class ApiKeyHandlersTest extends OnFakeBroker {
    @BeforeAll
    static void seed() {
        broker.http.post(CREDENTIALS, admin, Fixtures.oauth2("conn_keys", "tok-keys", 3600));
    }

    private static JsonNode create(String scopes) {
        HttpResponse<String> created = broker.http.post(API_KEYS, admin,
                "{\"kind\":\"api\",\"name\":\"test\",\"scopes\":" + scopes + "}");
        assertThat(created.statusCode()).isEqualTo(201);
        return body(created);
    }

    private static Map<String, String> headers(JsonNode key) {
        return Map.of(key.get("header").asText(), key.get("secret").asText());
    }

    @Test
    void aCreatedKeyIsListedWithoutItsSecretAndARevokedOneStopsAtOnce() {
        JsonNode reader = create("[\"credentials:read\"]");
        assertThat(broker.http.get(BY_CONNECTION + "conn_keys", headers(reader)).statusCode()).isEqualTo(200);
        HttpResponse<String> listed = broker.http.get(API_KEYS, admin);
        assertThat(listed.body()).contains(reader.get("id").asText()).doesNotContain(reader.get("secret").asText());

        assertThat(broker.http.delete(API_KEYS + "/" + reader.get("id").asText(), admin).statusCode()).isEqualTo(204);

        assertThat(broker.http.get(BY_CONNECTION + "conn_keys", headers(reader)).statusCode()).isEqualTo(401);
    }

    @Test
    void aKeyWithoutTheScopeIsRefusedAndTheRefusalIsAudited() {
        JsonNode metadata = create("[\"credentials:read_metadata\"]");

        HttpResponse<String> write = broker.http.post(CREDENTIALS, headers(metadata),
                Fixtures.oauth2("conn_denied", "tok", 60));

        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(broker.credentials.findByConnectionId("conn_denied")).isEmpty();
        assertThat(broker.audit.records()).anySatisfy(r -> assertThat(r.entry().keyId())
                .isEqualTo(metadata.get("id").asText()));
    }

    @Test
    void unknownRoutesAndMethodsAnswerJsonErrors() {
        HttpResponse<String> missing = broker.http.get("/v1/personal-connectors/admin/nothing-here", admin);
        HttpResponse<String> wrongMethod = broker.http.send("PUT", API_KEYS, admin, "application/json", "{}".getBytes());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(body(missing).at("/error/code").asText()).isNotEmpty();
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(body(wrongMethod).at("/error/request_id").asText()).isNotEmpty();
    }
}
