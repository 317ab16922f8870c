package com.credbroker.broker.credential;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.OnRunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Create/import (upsert), read, patch, disable, delete and list, against the real server. */
class CredentialAdminIT extends OnRunningBroker {
    @Test
    void createIsAnUpsertByConnectionId() {
        HttpResponse<String> first = broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_upsert", "tok-1", 3600));
        HttpResponse<String> second = broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_upsert", "tok-2", 3600));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(body(second).get("credential_id")).isEqualTo(body(first).get("credential_id"));
        assertThat(body(broker.http.get(BY_CONNECTION + "conn_upsert", ADMIN)).at("/credentials/access_token").asText())
                .isEqualTo("tok-2");
    }

    @Test
    void aLookupResponseCanBePostedBackAsAnImport() {
        broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_roundtrip", "tok-rt", 3600));
        String exported = broker.http.get(BY_CONNECTION + "conn_roundtrip", ADMIN).body();

        HttpResponse<String> reimported = broker.http.post(CREDENTIALS, ADMIN, exported);

        assertThat(reimported.statusCode()).isEqualTo(200);
        assertThat(body(reimported).at("/credentials/access_token").asText()).isEqualTo("tok-rt");
    }

    @Test
    void aRedactedRecordIsRefusedAsAnImport() {
        broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_redacted_import", "tok-ri", 3600));
        Map<String, String> metadata = Fixtures.key(broker.http, "api", "credentials:read_metadata");
        String redacted = broker.http.get(BY_CONNECTION + "conn_redacted_import", metadata).body();

        HttpResponse<String> refused = broker.http.post(CREDENTIALS, ADMIN, redacted);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(body(broker.http.get(BY_CONNECTION + "conn_redacted_import", ADMIN))
                .at("/credentials/access_token").asText()).isEqualTo("tok-ri");
    }

    @Test
    void patchChangesOnlyTheFieldsSent() {
        String id = body(broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_patch", "tok-p", 3600)))
                .get("credential_id").asText();

        HttpResponse<String> patched = broker.http.patch(CREDENTIALS + "/" + id, ADMIN,
                "{\"account_email\":\"new@example.com\",\"credentials\":{\"access_token\":\"tok-p2\"}}");

        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode stored = body(broker.http.get(CREDENTIALS + "/" + id, ADMIN));
        assertThat(stored.get("account_email").asText()).isEqualTo("new@example.com");
        assertThat(stored.at("/credentials/access_token").asText()).isEqualTo("tok-p2");
        assertThat(stored.at("/credentials/refresh_token").asText()).isEqualTo("r-tok-p");
        assertThat(stored.get("entity_id").asText()).isEqualTo("user_1");
    }

    @Test
    void emptyPatchChangesNothing() {
        String id = body(broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_empty_patch", "tok-e", 3600)))
                .get("credential_id").asText();

        assertThat(broker.http.patch(CREDENTIALS + "/" + id, ADMIN, "{}").statusCode()).isEqualTo(200);

        assertThat(body(broker.http.get(BY_CONNECTION + "conn_empty_patch", ADMIN))
                .at("/credentials/access_token").asText()).isEqualTo("tok-e");
    }

    @Test
    void disabledConnectionSaysSoAndWithholdsSecrets() {
        String id = body(broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_disable", "tok-d", 3600)))
                .get("credential_id").asText();
        broker.http.get(BY_CONNECTION + "conn_disable", ADMIN);

        assertThat(broker.http.post(CREDENTIALS + "/" + id + "/disable", ADMIN, "").statusCode()).isEqualTo(200);
        JsonNode disabled = body(broker.http.get(BY_CONNECTION + "conn_disable", ADMIN));
        broker.http.post(CREDENTIALS + "/" + id + "/enable", ADMIN, "");
        JsonNode enabled = body(broker.http.get(BY_CONNECTION + "conn_disable", ADMIN));

        assertThat(disabled.get("is_disabled").asBoolean()).isTrue();
        assertThat(disabled.get("is_redacted").asBoolean()).isTrue();
        assertThat(disabled.toString()).doesNotContain("tok-d");
        assertThat(enabled.at("/credentials/access_token").asText()).isEqualTo("tok-d");
    }

    @Test
    void deleteRemovesTheRecord() {
        String id = body(broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_delete", "tok-x", 3600)))
                .get("credential_id").asText();

        assertThat(broker.http.delete(CREDENTIALS + "/" + id, ADMIN).statusCode()).isEqualTo(204);
        assertThat(broker.http.get(CREDENTIALS + "/" + id, ADMIN).statusCode()).isEqualTo(404);
        assertThat(broker.http.delete(CREDENTIALS + "/" + id, ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void listFiltersPaginatesAndIsAlwaysRedacted() {
        for (int i = 0; i < 7; i++) {
            broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_list_" + i, "list-secret-" + i, 3600)
                    .replace("\"github\"", "\"listapp\""));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "?app_name=listapp&limit=3" + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> page = broker.http.get(CREDENTIALS + query, ADMIN);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("list-secret-");
            body(page).get("items").forEach(item -> {
                assertThat(item.get("is_redacted").asBoolean()).isTrue();
                assertThat(seen.add(item.get("connection_id").asText())).isTrue();
            });
            cursor = body(page).get("next_cursor").isNull() ? null : body(page).get("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).hasSize(7);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void listRejectsBadFilters() {
        assertThat(broker.http.get(CREDENTIALS + "?limit=0", ADMIN).statusCode()).isEqualTo(400);
        assertThat(broker.http.get(CREDENTIALS + "?limit=abc", ADMIN).statusCode()).isEqualTo(400);
        assertThat(broker.http.get(CREDENTIALS + "?status=SLEEPING", ADMIN).statusCode()).isEqualTo(400);
        assertThat(broker.http.get(CREDENTIALS + "?is_disabled=maybe", ADMIN).statusCode()).isEqualTo(400);
    }

    @Test
    void expiresAtCanBeGivenDirectly() {
        String body = Fixtures.oauth2("conn_expires_at", "tok-ea", 0).replace(",\"expires_in\":0", "")
                .replace("\"entity_id\"", "\"expires_at\":\"2025-11-15T12:00:00Z\",\"entity_id\"");

        JsonNode created = body(broker.http.post(CREDENTIALS, ADMIN, body));

        assertThat(created.get("expires_at").asText()).isEqualTo("2025-11-15T12:00:00Z");
        assertThat(created.at("/credentials/expires_in").asLong()).isEqualTo(5400);
    }

    @Test
    void nonOauthSchemesKeepTheirOwnFields() {
        String apiKey = "{\"connection_id\":\"conn_apikey\",\"app_name\":\"openai\",\"auth_scheme\":\"API_KEY\","
                + "\"credentials\":{\"api_key\":\"sk-test-123\"}}";

        JsonNode created = body(broker.http.post(CREDENTIALS, ADMIN, apiKey));

        assertThat(created.get("credentials")).isEqualTo(Fixtures.json("{\"api_key\":\"sk-test-123\"}"));
        assertThat(created.get("expires_at").isNull()).isTrue();
    }
}
