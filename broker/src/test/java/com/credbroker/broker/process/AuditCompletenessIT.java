package com.credbroker.broker.process;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar: the CLI's key and keyring commands leave audit records like the API's (actor
 * {@code cli:<OS user>}); a trail cut at the end is reported by {@code audit verify}, stops the server and
 * the key commands from starting, until an operator accepts it (which is audited too).
 */
class AuditCompletenessIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ACTOR = "cli:" + System.getProperty("user.name");

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    @Test
    void cliKeyCommandsAreAuditedAndACutTrailIsReportedAndRefusedUntilAccepted() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("CREDBROKER_DATA_DIR", dataDir.toString(),
                "CREDBROKER_MASTER_KEY", RunningBroker.randomKey(), "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY,
                "CREDBROKER_LOG_FORMAT", "text"));
        try (BrokerProcess server = start(env, "s1")) {
            server.awaitReady(WAIT);
            server.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_cli", "tok-cli", 3600));
        }
        String keyId = Fixtures.json(run(env, "create", 0, "keys", "create", "--name", "ops", "--scopes", "admin")
                .lines().filter(line -> line.startsWith("{\"id\"")).findFirst().orElseThrow()).get("id").asText();
        run(env, "revoke", 0, "keys", "revoke", keyId);
        run(env, "rotate", 0, "rotate-keys");
        Path newKey = dataDir.resolveSibling(dataDir.getFileName() + "-new.key");
        Files.writeString(newKey, RunningBroker.randomKey());
        run(env, "rotate-master", 0, "rotate-master-key", "--new-key-file", newKey.toString());
        env.put("CREDBROKER_MASTER_KEY", Files.readString(newKey).trim());
        assertThat(run(env, "verify1", 0, "audit", "verify")).contains("audit chain intact: 5 records");

        cutLastLines(3, keyId);

        assertThat(run(env, "verify2", 1, "audit", "verify")).contains("audit trail SHORTENED: trail ends at record 2"
                + " but the checkpoint says 5: 3 records missing");
        assertThat(run(env, "s2", 1)).contains("the audit trail is shortened: trail ends at record 2 but the"
                + " checkpoint says 5: 3 records missing").contains("audit accept-truncation");
        assertThat(run(env, "create2", 1, "keys", "create", "--name", "x", "--scopes", "admin"))
                .contains("3 records missing").doesNotContain("\"secret\"");
        run(env, "accept", 0, "audit", "accept-truncation");
        try (BrokerProcess server = start(env, "s3")) {
            server.awaitReady(WAIT);
            assertThat(server.http.get(BY_CONNECTION + "conn_cli", RunningBroker.admin()).statusCode()).isEqualTo(200);
            assertThat(trail(server)).containsExactly("credential.read/success/key", "audit.accept_truncation/missing:3/"
                    + ACTOR, "key.create:" + keyId + "/success/" + ACTOR, "credential.create/success/key");
        }
    }

    private List<String> trail(BrokerProcess server) {
        List<String> events = new ArrayList<>();
        for (JsonNode item : body(server.http.get("/v1/personal-connectors/admin/audit", RunningBroker.admin()))
                .get("items")) {
            String actor = item.get("key_id").asText();
            String target = item.get("target_id").isNull() ? "" : ":" + item.get("target_id").asText();
            events.add(item.get("action").asText() + target + "/" + item.get("outcome").asText() + "/"
                    + (actor.startsWith("key_") ? "key" : actor));
        }
        return events;
    }

    /** Before the cut the trail was: create, key.create, key.revoke, keyring.rotate, keyring.rotate_master_key. */
    private void cutLastLines(int count, String keyId) throws Exception {
        Path segment = dataDir.resolve("audit").resolve("audit-000001.log");
        List<String> lines = Files.readAllLines(segment);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(2)).contains("\"action\":\"key.revoke\"").contains("\"target_id\":\"" + keyId + "\"");
        assertThat(lines.get(3)).contains("\"action\":\"keyring.rotate\"").contains("\"key_id\":\"" + ACTOR + "\"");
        assertThat(lines.get(4)).contains("\"action\":\"keyring.rotate_master_key\"");
        Files.write(segment, lines.subList(0, lines.size() - count));
    }

    private BrokerProcess start(Map<String, String> env, String name, String... args) throws Exception {
        return BrokerProcess.start(BrokerProcess.FAST_JVM, env, logs.resolve(name + ".log"), args);
    }

    private String run(Map<String, String> env, String name, int expectedExit, String... args) throws Exception {
        BrokerProcess process = start(env, name, args);
        int exit = process.awaitExit(WAIT);
        assertThat(exit).as(process.logText()).isEqualTo(expectedExit);
        return process.logText();
    }
}
