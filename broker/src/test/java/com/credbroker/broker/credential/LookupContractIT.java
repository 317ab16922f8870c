package com.credbroker.broker.credential;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static com.credbroker.broker.testing.Fixtures.json;
import static com.credbroker.broker.testing.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the seed endpoint's response, field for field, against JSON fixtures. */
class LookupContractIT {
    @TempDir
    static Path dataDir;
    static RunningBroker broker;
    static String credentialId;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(dataDir);
        HttpResponse<String> created = broker.http.post(CREDENTIALS, RunningBroker.admin(), text("create-oauth2.json"));
        assertThat(created.statusCode()).isEqualTo(201);
        credentialId = body(created).get("credential_id").asText();
        broker.clock.advance(Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void lookupReturnsExactlyTheContractFields() {
        HttpResponse<String> response = broker.http.get(BY_CONNECTION + "conn_fixture_1", RunningBroker.admin());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(withoutCredentialId(body(response))).isEqualTo(withoutCredentialId(json(text("lookup-oauth2.json"))));
        assertThat(body(response).get("credential_id").asText()).isEqualTo(credentialId).startsWith("cred_");
    }

    @Test
    void metadataReaderGetsTheSameShapeWithSecretsMasked() {
        Map<String, String> metadataKey = Fixtures.key(broker.http, "flowplate", "credentials:read_metadata");

        HttpResponse<String> response = broker.http.get(BY_CONNECTION + "conn_fixture_1", metadataKey);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(withoutCredentialId(body(response)))
                .isEqualTo(withoutCredentialId(json(text("lookup-oauth2-redacted.json"))));
        assertThat(response.body()).doesNotContain("gho_access_1", "ghr_refresh_1", "idtok-abc", "verifier-xyz",
                "header-secret", "qp-secret");
    }

    @Test
    void expiresInIsComputedAtResponseTime() {
        broker.clock.advance(Duration.ofSeconds(100));
        try {
            JsonNode first = body(broker.http.get(BY_CONNECTION + "conn_fixture_1", RunningBroker.admin()));
            broker.clock.advance(Duration.ofSeconds(60));
            JsonNode second = body(broker.http.get(BY_CONNECTION + "conn_fixture_1", RunningBroker.admin()));

            assertThat(first.at("/credentials/expires_in").asLong()).isEqualTo(2900);
            assertThat(second.at("/credentials/expires_in").asLong()).isEqualTo(2840);
        } finally {
            broker.clock.advance(Duration.ofSeconds(-160));
        }
    }

    @Test
    void lookupsAreCountedByOutcomeAtMetrics() {
        broker.http.get(BY_CONNECTION + "conn_fixture_1", RunningBroker.admin());
        broker.http.get(BY_CONNECTION + "conn_missing_for_metrics", RunningBroker.admin());

        String metrics = broker.metrics();

        assertThat(metrics).containsPattern("credbroker_lookups_total\\{outcome=\"success\"} [1-9]")
                .containsPattern("credbroker_lookups_total\\{outcome=\"not_found\"} [1-9]")
                .contains("credbroker_lookup_cache_size");
    }

    @Test
    void unknownConnectionIsNotFoundWithTheErrorShape() {
        HttpResponse<String> response = broker.http.get(BY_CONNECTION + "conn_never_existed", RunningBroker.admin());

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = body(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("not_found");
        assertThat(error.get("request_id").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void deletedConnectionAnswersExactlyLikeOneThatNeverExisted() {
        broker.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_to_delete", "tok-del", 3600));
        String id = body(broker.http.get(BY_CONNECTION + "conn_to_delete", RunningBroker.admin()))
                .get("credential_id").asText();
        assertThat(broker.http.delete(CREDENTIALS + "/" + id, RunningBroker.admin()).statusCode()).isEqualTo(204);

        HttpResponse<String> deleted = broker.http.get(BY_CONNECTION + "conn_to_delete", RunningBroker.admin());
        HttpResponse<String> never = broker.http.get(BY_CONNECTION + "conn_not_there", RunningBroker.admin());

        assertThat(deleted.statusCode()).isEqualTo(never.statusCode()).isEqualTo(404);
        assertThat(body(deleted).at("/error/message")).isEqualTo(body(never).at("/error/message"));
    }

    private static JsonNode withoutCredentialId(JsonNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("credential_id");
        return copy;
    }
}
