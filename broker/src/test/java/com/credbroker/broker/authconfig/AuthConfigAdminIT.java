package com.credbroker.broker.authconfig;

import static com.credbroker.broker.authconfig.AuthConfigBodies.AUDIT;
import static com.credbroker.broker.authconfig.AuthConfigBodies.AUTH_CONFIGS;
import static com.credbroker.broker.authconfig.AuthConfigBodies.create;
import static com.credbroker.broker.authconfig.AuthConfigBodies.json;
import static com.credbroker.broker.authconfig.AuthConfigBodies.valid;
import static com.credbroker.broker.authconfig.AuthConfigBodies.with;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.OnRunningBroker;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create, list, read, patch and delete auth configs against the real server; admin scope; audited. */
class AuthConfigAdminIT extends OnRunningBroker {
    @Test
    void createAnswers201WithTheRecordAndWithoutTheSecret() {
        HttpResponse<String> created = broker.http.post(AUTH_CONFIGS, ADMIN, json(valid()));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode c = body(created);
        assertThat(c.get("auth_config_id").asText()).matches("ac_[0-9a-z]{24}");
        assertThat(c.get("app_name").asText()).isEqualTo("github");
        assertThat(c.get("token_endpoint").asText()).isEqualTo("https://github.com/login/oauth/access_token");
        assertThat(c.get("authorization_endpoint").asText()).isEqualTo("https://github.com/login/oauth/authorize");
        assertThat(c.get("revocation_endpoint").isNull()).isTrue();
        assertThat(c.get("client_id").asText()).isEqualTo("Iv1.0123456789abcdef");
        assertThat(c.get("client_auth_method").asText()).isEqualTo("client_secret_basic");
        assertThat(c.get("scopes")).hasSize(2);
        assertThat(c.get("scopes").get(1).asText()).isEqualTo("read:user");
        assertThat(c.get("has_client_secret").asBoolean()).isTrue();
        assertThat(c.get("refresh_blocked").asBoolean()).isFalse();
        assertThat(c.get("refresh_blocked_reason").isNull()).isTrue();
        assertThat(c.get("created_at").asText()).isEqualTo("2025-11-15T10:30:00Z");
        assertThat(c.get("updated_at").asText()).isEqualTo("2025-11-15T10:30:00Z");
        assertThat(c.has("client_secret")).isFalse();
        assertThat(created.body()).doesNotContain("gh-client-secret");
    }

    @Test
    void aPublicClientNeedsNoSecret() {
        var body = valid();
        body.remove("client_secret");
        body.put("client_auth_method", "none");
        body.remove("scopes");

        JsonNode c = body(broker.http.post(AUTH_CONFIGS, ADMIN, json(body)));

        assertThat(c.get("client_auth_method").asText()).isEqualTo("none");
        assertThat(c.get("has_client_secret").asBoolean()).isFalse();
        assertThat(c.get("scopes")).isEmpty();
    }

    @Test
    void getReturnsTheConfigAndUnknownOrMalformedIdsAreNotFound() {
        String id = create(broker.http, with("client_auth_method", "client_secret_post"));

        HttpResponse<String> read = broker.http.get(AUTH_CONFIGS + "/" + id, ADMIN);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read).get("client_auth_method").asText()).isEqualTo("client_secret_post");
        assertThat(read.body()).doesNotContain("gh-client-secret");
        for (String unknown : List.of("ac_000000000000000000000000", "cred_000000000000000000000000", "ac_x",
                "..%2F..%2Fetc")) {
            HttpResponse<String> missing = broker.http.get(AUTH_CONFIGS + "/" + unknown, ADMIN);
            assertThat(missing.statusCode()).as(unknown).isEqualTo(404);
            assertThat(body(missing).at("/error/code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void listPagesThroughEveryConfigNewestFirst() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(create(broker.http, with("app_name", "paged-" + i)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = broker.http.get(AUTH_CONFIGS + "?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), ADMIN);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode node = body(page);
            assertThat(node.get("items").size()).isLessThanOrEqualTo(2);
            node.get("items").forEach(item -> seen.add(item.get("auth_config_id").asText()));
            assertThat(page.body()).doesNotContain("gh-client-secret");
            cursor = node.get("next_cursor").isNull() ? null : node.get("next_cursor").asText();
        } while (cursor != null);

        // the test clock stands still: one created_at for all, so newest first is by ID, descending
        assertThat(seen).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder())
                .containsAll(mine);
        assertThat(broker.http.get(AUTH_CONFIGS + "?limit=0", ADMIN).statusCode()).isEqualTo(400);
        assertThat(broker.http.get(AUTH_CONFIGS + "?cursor=A", ADMIN).statusCode()).isEqualTo(400);
        assertThat(broker.http.get(AUTH_CONFIGS + "?cursor=***", ADMIN).statusCode()).isEqualTo(400);
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndClearsTheRefreshBlock() {
        String id = create(broker.http, json(valid()));
        broker.broker().storage().authConfigs().blockRefresh(id, 1, "invalid_client: client disabled");
        JsonNode blocked = body(broker.http.get(AUTH_CONFIGS + "/" + id, ADMIN));
        assertThat(blocked.get("refresh_blocked").asBoolean()).isTrue();
        assertThat(blocked.get("refresh_blocked_reason").asText()).isEqualTo("invalid_client: client disabled");
        broker.clock.advance(Duration.ofMinutes(5));

        HttpResponse<String> patched = broker.http.patch(AUTH_CONFIGS + "/" + id, ADMIN,
                "{\"client_secret\":\"rotated-secret-123\",\"scopes\":[\"gist\"],\"revocation_endpoint\":"
                        + "\"https://github.com/revoke\",\"authorization_endpoint\":null}");

        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode c = body(patched);
        assertThat(c.get("refresh_blocked").asBoolean()).isFalse();
        assertThat(c.get("refresh_blocked_reason").isNull()).isTrue();
        assertThat(c.get("scopes").toString()).isEqualTo("[\"gist\"]");
        assertThat(c.get("revocation_endpoint").asText()).isEqualTo("https://github.com/revoke");
        assertThat(c.get("authorization_endpoint").isNull()).isTrue();
        assertThat(c.get("app_name").asText()).isEqualTo("github");
        assertThat(c.get("client_id").asText()).isEqualTo("Iv1.0123456789abcdef");
        assertThat(c.get("created_at").asText()).isEqualTo(blocked.get("created_at").asText());
        assertThat(c.get("updated_at").asText()).isNotEqualTo(blocked.get("updated_at").asText());
        assertThat(patched.body()).doesNotContain("rotated-secret");
        assertThat(broker.broker().storage().authConfigs().find(id).orElseThrow().clientSecret())
                .isEqualTo("rotated-secret-123");
    }

    @Test
    void anEmptyPatchKeepsTheContentAndResumesRefreshes() {
        String id = create(broker.http, json(valid()));
        broker.broker().storage().authConfigs().blockRefresh(id, 1, "unauthorized_client");

        HttpResponse<String> patched = broker.http.patch(AUTH_CONFIGS + "/" + id, ADMIN, "{}");

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(body(patched).get("refresh_blocked").asBoolean()).isFalse();
        assertThat(body(patched).get("has_client_secret").asBoolean()).isTrue();
        assertThat(broker.http.patch(AUTH_CONFIGS + "/ac_000000000000000000000000", ADMIN, "{}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void switchingToNoneDropsTheStoredSecretAndBackNeedsANewOne() {
        String id = create(broker.http, json(valid()));

        JsonNode none = body(broker.http.patch(AUTH_CONFIGS + "/" + id, ADMIN, "{\"client_auth_method\":\"none\"}"));
        HttpResponse<String> backWithout = broker.http.patch(AUTH_CONFIGS + "/" + id, ADMIN,
                "{\"client_auth_method\":\"client_secret_post\"}");
        HttpResponse<String> backWith = broker.http.patch(AUTH_CONFIGS + "/" + id, ADMIN,
                "{\"client_auth_method\":\"client_secret_post\",\"client_secret\":\"s3\"}");

        assertThat(none.get("has_client_secret").asBoolean()).isFalse();
        assertThat(backWithout.statusCode()).isEqualTo(422);
        assertThat(backWith.statusCode()).isEqualTo(200);
        assertThat(body(backWith).get("has_client_secret").asBoolean()).isTrue();
    }

    @Test
    void deleteAnswers204ThenTheConfigIsGone() {
        String id = create(broker.http, json(valid()));

        assertThat(broker.http.delete(AUTH_CONFIGS + "/" + id, ADMIN).statusCode()).isEqualTo(204);
        assertThat(broker.http.get(AUTH_CONFIGS + "/" + id, ADMIN).statusCode()).isEqualTo(404);
        assertThat(broker.http.delete(AUTH_CONFIGS + "/" + id, ADMIN).statusCode()).isEqualTo(404);
        assertThat(broker.http.delete(AUTH_CONFIGS + "/not-an-id", ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void deleteIsRefusedWhileAConnectionRefersToTheConfig() {
        String id = create(broker.http, json(valid()));
        String credential = body(broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_uses_ac", "tok-ac", 3600)
                .replace("\"entity_id\"", "\"auth_config_id\":\"" + id + "\",\"entity_id\""))).get("credential_id").asText();

        HttpResponse<String> refused = broker.http.delete(AUTH_CONFIGS + "/" + id, ADMIN);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(body(refused).at("/error/code").asText()).isEqualTo("auth_config_in_use");
        assertThat(body(refused).at("/error/message").asText()).contains("1 connection");
        assertThat(broker.http.get(AUTH_CONFIGS + "/" + id, ADMIN).statusCode()).isEqualTo(200);
        assertThat(broker.http.delete(CREDENTIALS + "/" + credential, ADMIN).statusCode()).isEqualTo(204);
        assertThat(broker.http.delete(AUTH_CONFIGS + "/" + id, ADMIN).statusCode()).isEqualTo(204);
    }

    @Test
    void keysWithoutTheAdminScopeAreRefused() {
        String id = create(broker.http, json(valid()));
        Map<String, String> writer = Fixtures.key(broker.http, "api", "credentials:write", "credentials:read",
                "credentials:refresh", "credentials:read_metadata");
        String item = AUTH_CONFIGS + "/" + id;

        List<HttpResponse<String>> answers = List.of(
                broker.http.post(AUTH_CONFIGS, writer, json(valid())),
                broker.http.get(AUTH_CONFIGS, writer),
                broker.http.get(item, writer),
                broker.http.patch(item, writer, "{\"app_name\":\"stolen\"}"),
                broker.http.delete(item, writer));

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(403));
        assertThat(broker.http.get(AUTH_CONFIGS, Map.of()).statusCode()).isEqualTo(401);
        assertThat(body(broker.http.get(item, ADMIN)).get("app_name").asText()).isEqualTo("github");
    }

    @Test
    void keyRotationRewrapsAuthConfigsAndTheyStayReadable(@TempDir Path otherDir) throws Exception {
        try (RunningBroker rotating = new RunningBroker(otherDir)) {
            String id = create(rotating.http, json(valid()));

            assertThat(rotating.http.post("/v1/personal-connectors/admin/keyring/rotate", ADMIN, "").statusCode())
                    .isEqualTo(200);
            rotating.broker().storage().rewrapper().rewrapNow();

            assertThat(rotating.broker().storage().authConfigs().countBelowTerm(2)).isZero();
            assertThat(body(rotating.http.get("/v1/personal-connectors/admin/keyring", ADMIN))
                    .get("payloads_pending_rewrap").asLong()).isZero();
            assertThat(rotating.http.get(AUTH_CONFIGS + "/" + id, ADMIN).statusCode()).isEqualTo(200);
            assertThat(rotating.broker().storage().authConfigs().find(id).orElseThrow().clientSecret())
                    .isEqualTo("gh-client-secret-0123456789");
        }
    }

    @Test
    void everyOperationIsAuditedWithTheConfigId() {
        String id = create(broker.http, json(valid()));
        broker.http.get(AUTH_CONFIGS + "/" + id, ADMIN);
        broker.http.get(AUTH_CONFIGS + "?limit=1", ADMIN);
        broker.http.patch(AUTH_CONFIGS + "/" + id, ADMIN, "{\"app_name\":\"audited\"}");
        broker.http.patch(AUTH_CONFIGS + "/" + id, ADMIN, "{\"app_name\":\"\"}");
        broker.http.get(AUTH_CONFIGS, Fixtures.key(broker.http, "api", "credentials:read"));
        broker.http.delete(AUTH_CONFIGS + "/" + id, ADMIN);

        List<String> events = new ArrayList<>();
        for (JsonNode item : body(broker.http.get(AUDIT + "?limit=20", ADMIN)).get("items")) {
            String action = item.get("action").asText();
            if (action.startsWith("auth_config.")) {
                // issue 16 item 8: the action is a name; the config's ID is the record's target
                assertThat(action).doesNotContain(id);
                String target = item.get("target_id").isNull() ? "" : ":" + item.get("target_id").asText();
                events.add(0, action + target.replace(id, "ID") + "/" + item.get("outcome").asText());
            }
        }
        assertThat(events).endsWith("auth_config.create:ID/success", "auth_config.read:ID/success",
                "auth_config.list/success", "auth_config.update:ID/success",
                "auth_config.update:ID/validation_failed", "auth_config.list/denied",
                "auth_config.delete:ID/success");
    }
}
