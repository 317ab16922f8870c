package com.credbroker.broker.auth;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three key headers, key kinds, scopes and the slow-down of repeated failures. */
class AuthenticationIT {
    @TempDir
    static Path dataDir;
    static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(dataDir);
        broker.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_auth", "tok-auth", 3600));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private HttpResponse<String> lookup(Map<String, String> headers) {
        return broker.http.get(BY_CONNECTION + "conn_auth", headers);
    }

    @Test
    void noKeyHeaderIsUnauthorizedNamingTheThreeHeaders() {
        HttpResponse<String> response = lookup(Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body(response).at("/error/message").asText())
                .contains("X-API-Key", "X-Flowplate-Key", "X-Aitronos-Hub-Key");
        assertThat(body(lookup(Map.of("X-API-Key", "cbk_not_a_key"))).at("/error/message").asText())
                .contains("X-API-Key", "X-Flowplate-Key", "X-Aitronos-Hub-Key").doesNotContain("cbk_not_a_key");
    }

    @Test
    void twoKeyHeadersAreABadRequest() {
        Map<String, String> hub = Fixtures.key(broker.http, "hub", "credentials:read");
        Map<String, String> both = new java.util.HashMap<>(hub);
        both.putAll(RunningBroker.admin());

        assertThat(lookup(both).statusCode()).isEqualTo(400);
    }

    @Test
    void eachKindIsAcceptedInItsOwnHeaderOnly() {
        Map<String, String> hub = Fixtures.key(broker.http, "hub", "credentials:read");
        String secret = hub.get("X-Aitronos-Hub-Key");

        HttpResponse<String> wrongHeader = lookup(Map.of("X-API-Key", secret));

        assertThat(lookup(hub).statusCode()).isEqualTo(200);
        assertThat(wrongHeader.statusCode()).isEqualTo(401);
        assertThat(body(wrongHeader).at("/error/message").asText()).contains("kind hub", "X-Aitronos-Hub-Key")
                .doesNotContain(secret);
        assertThat(lookup(Map.of("X-Flowplate-Key", secret)).statusCode()).isEqualTo(401);
    }

    @Test
    void missingScopeIsForbidden() {
        Map<String, String> writer = Fixtures.key(broker.http, "api", "credentials:write");

        HttpResponse<String> response = lookup(writer);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(body(response).at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(body(response).at("/error/message").asText())
                .contains("credentials:read or credentials:read_metadata");
    }

    @Test
    void nonAdminKeyCannotManageKeys() {
        Map<String, String> reader = Fixtures.key(broker.http, "api", "credentials:read");

        assertThat(broker.http.get(Fixtures.API_KEYS, reader).statusCode()).isEqualTo(403);
    }

    @Test
    void revokedKeyStopsWorkingAtOnce() {
        Fixtures.Key reader = Fixtures.createKey(broker.http, "api", "credentials:read");
        assertThat(lookup(reader.headers()).statusCode()).isEqualTo(200);

        assertThat(broker.http.delete(Fixtures.API_KEYS + "/" + reader.id(), RunningBroker.admin()).statusCode())
                .isEqualTo(204);

        assertThat(lookup(reader.headers()).statusCode()).isEqualTo(401);
    }

    @Test
    void keySecretIsShownOnceAndStoredOnlyAsHash() {
        HttpResponse<String> created = broker.http.post(Fixtures.API_KEYS, RunningBroker.admin(),
                "{\"kind\":\"api\",\"name\":\"once\",\"scopes\":[\"credentials:read\"]}");
        String secret = body(created).get("secret").asText();
        String id = body(created).get("id").asText();

        HttpResponse<String> shown = broker.http.get(Fixtures.API_KEYS + "/" + id, RunningBroker.admin());

        assertThat(secret).startsWith("cbk_").hasSizeGreaterThan(40);
        assertThat(shown.body()).doesNotContain(secret).doesNotContain("\"secret\"");
        assertThat(broker.http.get(Fixtures.API_KEYS, RunningBroker.admin()).body()).doesNotContain(secret);
    }

    @Test
    void repeatedFailuresFromOneClientAreSlowedDownWithoutLockingOutValidKeys(@TempDir Path otherDir)
            throws Exception {
        try (RunningBroker limited = new RunningBroker(otherDir, Map.of("CREDBROKER_AUTH_FAILURE_LIMIT", "5"))) {
            limited.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_auth", "tok-auth", 3600));
            String path = BY_CONNECTION + "conn_auth";
            int[] statuses = new int[8];
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = limited.http.get(path, Map.of("X-API-Key", "cbk_wrong_" + i)).statusCode();
            }
            HttpResponse<String> slowed = limited.http.get(path, Map.of("X-API-Key", "cbk_wrong_again"));

            assertThat(statuses).startsWith(401, 401, 401, 401, 401).endsWith(429, 429, 429);
            assertThat(slowed.headers().firstValue("Retry-After")).isPresent();
            assertThat(limited.http.get(path, RunningBroker.admin()).statusCode()).isEqualTo(200);
            limited.clock.advance(java.time.Duration.ofMinutes(2));
            assertThat(limited.http.get(path, Map.of("X-API-Key", "cbk_wrong_later")).statusCode()).isEqualTo(401);
        }
    }
}
