package com.credbroker.broker.keyring;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key rotation while serving (admin API) and from the command line; old rows stay readable and get rewrapped. */
class KeyRotationIT {
    static final String KEYRING = "/v1/personal-connectors/admin/keyring";

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    @Test
    void rotationWhileServingRewrapsEveryPayloadAndKeepsThemReadable() throws Exception {
        try (RunningBroker broker = new RunningBroker(dataDir)) {
            for (int i = 0; i < 30; i++) {
                broker.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_rot_" + i, "tok-" + i, 3600));
            }
            JsonNode rotated = body(broker.http.post(KEYRING + "/rotate", RunningBroker.admin(), ""));
            assertThat(rotated.get("active_term").asInt()).isEqualTo(2);

            JsonNode status = awaitRewrapped(broker);

            assertThat(status.get("payloads_pending_rewrap").asLong()).isZero();
            for (int i = 0; i < 30; i++) {
                assertThat(body(broker.http.get(BY_CONNECTION + "conn_rot_" + i, RunningBroker.admin()))
                        .at("/credentials/access_token").asText()).isEqualTo("tok-" + i);
            }
            assertThat(broker.http.post(KEYRING + "/rotate", Fixtures.key(broker.http, "api", "credentials:read"), "")
                    .statusCode()).isEqualTo(403);
        }
    }

    @Test
    void rotateKeysCommandWorksOnAStoppedEmbeddedBroker() throws Exception {
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", dataDir.toString(),
                "CREDBROKER_MASTER_KEY", RunningBroker.randomKey(), "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY);
        try (BrokerProcess first = BrokerProcess.start(env, logs.resolve("a.log")).awaitReady(Duration.ofSeconds(60))) {
            first.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_cli_rot", "tok-cli", 3600));
        }
        BrokerProcess rotate = BrokerProcess.start(env, logs.resolve("rotate.log"), "rotate-keys");
        assertThat(rotate.awaitExit(Duration.ofSeconds(60))).isZero();
        assertThat(rotate.logText()).contains("active key term is now 2").contains("1 payloads rewrapped");

        try (BrokerProcess again = BrokerProcess.start(env, logs.resolve("b.log")).awaitReady(Duration.ofSeconds(60))) {
            assertThat(body(again.http.get(BY_CONNECTION + "conn_cli_rot", RunningBroker.admin()))
                    .at("/credentials/access_token").asText()).isEqualTo("tok-cli");
            assertThat(body(again.http.get(KEYRING, RunningBroker.admin())).get("active_term").asInt()).isEqualTo(2);
        }
    }

    @Test
    void masterKeyRotationRewrapsTheKeyringAndRetiresTheOldKey() throws Exception {
        String oldKey = RunningBroker.randomKey();
        String newKey = RunningBroker.randomKey();
        java.nio.file.Files.writeString(logs.resolve("new.key"), newKey + "\n");
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", dataDir.toString(), "CREDBROKER_MASTER_KEY", oldKey,
                "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY);
        try (BrokerProcess first = BrokerProcess.start(env, logs.resolve("a.log")).awaitReady(Duration.ofSeconds(60))) {
            first.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_mk", "tok-mk", 3600));
        }
        BrokerProcess rotate = BrokerProcess.start(env, logs.resolve("mk.log"), "rotate-master-key",
                "--new-key-file", logs.resolve("new.key").toString());
        assertThat(rotate.awaitExit(Duration.ofSeconds(60))).isZero();

        BrokerProcess withOldKey = BrokerProcess.start(env, logs.resolve("old.log"));
        assertThat(withOldKey.awaitExit(Duration.ofSeconds(60))).isEqualTo(3);
        Map<String, String> newEnv = Map.of("CREDBROKER_DATA_DIR", dataDir.toString(), "CREDBROKER_MASTER_KEY", newKey);
        try (BrokerProcess again = BrokerProcess.start(newEnv, logs.resolve("b.log")).awaitReady(Duration.ofSeconds(60))) {
            assertThat(body(again.http.get(BY_CONNECTION + "conn_mk", RunningBroker.admin()))
                    .at("/credentials/access_token").asText()).isEqualTo("tok-mk");
        }
        assertThat(rotate.logText() + withOldKey.logText()).doesNotContain(oldKey).doesNotContain(newKey);
    }

    private static JsonNode awaitRewrapped(RunningBroker broker) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode status = body(broker.http.get(KEYRING, RunningBroker.admin()));
        while (status.get("payloads_pending_rewrap").asLong() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50); // waiting for the background rewrap thread, not for time to pass
            status = body(broker.http.get(KEYRING, RunningBroker.admin()));
        }
        return status;
    }
}
