package com.credbroker.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CREDBROKER_ADMIN_KEY} as an operator meets it, with the packaged jar: a weak value is refused at
 * start in one sentence that says how to make a strong one, and nothing is written; a new value replaces
 * the key the previous value registered.
 */
class AdminKeyIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String WEAK = "change-me-admin-key";
    private static final String REFUSAL = "CREDBROKER_ADMIN_KEY (environment): is too weak for an all-scope key: it"
            + " needs at least 128 bits of entropy (22 or more random base64 characters, or 32 or more random hex"
            + " digits); make one with `openssl rand -base64 32`";

    @TempDir
    Path dir;

    @Test
    void aWeakAdminKeyRefusesToStartWithOneSentenceAndWritesNothing() throws Exception {
        Path fresh = dir.resolve("fresh");
        BrokerProcess refused = BrokerProcess.start(BrokerProcess.FAST_JVM, Map.of("CREDBROKER_DATA_DIR",
                fresh.toString(), "CREDBROKER_ADMIN_KEY", WEAK), dir.resolve("weak.log"));

        assertThat(refused.awaitExit(START)).isEqualTo(2);
        assertThat(refused.logText()).contains(REFUSAL).doesNotContain(WEAK).doesNotContain("listening on port");
        assertThat(fresh).doesNotExist();
    }

    @Test
    void aNewAdminKeyRevokesTheKeyThePreviousValueRegisteredAndAWeakOneChangesNothing() throws Exception {
        Path data = dir.resolve("data");
        String masterKey = RunningBroker.randomKey();
        String first = RunningBroker.randomKey();
        String second = RunningBroker.randomKey();
        try (BrokerProcess node = start(data, masterKey, first, "first.log")) {
            assertThat(node.http.post(Fixtures.CREDENTIALS, key(first), Fixtures.oauth2("conn_kept", "tok-kept", 3600))
                    .statusCode()).isEqualTo(201);
        }
        Map<String, String> before = StartupKeyIT.fingerprint(data);

        BrokerProcess weak = BrokerProcess.start(BrokerProcess.FAST_JVM, Map.of("CREDBROKER_DATA_DIR", data.toString(),
                "CREDBROKER_MASTER_KEY", masterKey, "CREDBROKER_ADMIN_KEY", WEAK), dir.resolve("weak.log"));
        assertThat(weak.awaitExit(START)).isEqualTo(2);
        assertThat(weak.logText()).contains(REFUSAL);
        assertThat(StartupKeyIT.fingerprint(data)).isEqualTo(before);

        try (BrokerProcess node = start(data, masterKey, second, "second.log")) {
            assertThat(node.http.get(Fixtures.BY_CONNECTION + "conn_kept", key(first)).statusCode()).isEqualTo(401);
            assertThat(node.http.get(Fixtures.BY_CONNECTION + "conn_kept", key(second)).statusCode()).isEqualTo(200);
            List<String> live = new ArrayList<>();
            String revoked = null;
            for (JsonNode k : Fixtures.body(node.http.get(Fixtures.API_KEYS, key(second))).get("items")) {
                if (k.get("revoked_at").isNull()) {
                    live.add(k.get("name").asText());
                } else {
                    revoked = k.get("id").asText();
                }
            }
            assertThat(live).containsExactly("bootstrap-admin");
            assertThat(revoked).isNotNull();
            JsonNode trail = Fixtures.body(node.http.get("/v1/personal-connectors/admin/audit", key(second)));
            List<String> actions = new ArrayList<>();
            trail.get("items").forEach(record -> actions.add(record.get("action").asText() + ":"
                    + record.get("target_id").asText()));
            assertThat(actions).contains("key.revoke:" + revoked);
            // the name marks the setting's key: no other key may take it and be revoked at the next change
            assertThat(node.http.post(Fixtures.API_KEYS, key(second),
                    "{\"kind\":\"api\",\"name\":\"bootstrap-admin\",\"scopes\":[\"admin\"]}").statusCode())
                    .isEqualTo(422);
        }
        assertThat(Files.readString(dir.resolve("second.log"))).doesNotContain(first).doesNotContain(second);
    }

    private BrokerProcess start(Path data, String masterKey, String adminKey, String log) throws Exception {
        return BrokerProcess.start(BrokerProcess.FAST_JVM, Map.of("CREDBROKER_DATA_DIR", data.toString(),
                "CREDBROKER_MASTER_KEY", masterKey, "CREDBROKER_ADMIN_KEY", adminKey, "CREDBROKER_LOG_FORMAT", "text"),
                dir.resolve(log)).awaitReady(START);
    }

    private static Map<String, String> key(String secret) {
        return Map.of("X-API-Key", secret);
    }
}
