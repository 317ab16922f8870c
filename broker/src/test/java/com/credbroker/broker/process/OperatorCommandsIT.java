package com.credbroker.broker.process;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's operator commands, run as real processes against the same data directory as the server. */
class OperatorCommandsIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    @Test
    void keysCreatePrintsTheSecretOnceAndTheKeyWorks() throws Exception {
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", dataDir.toString(),
                "CREDBROKER_MASTER_KEY", RunningBroker.randomKey(), "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY,
                "CREDBROKER_LOG_FORMAT", "text");
        try (BrokerProcess server = BrokerProcess.start(env, logs.resolve("s1.log")).awaitReady(WAIT)) {
            server.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_cli", "tok-cli", 3600));
        }
        BrokerProcess create = BrokerProcess.start(env, logs.resolve("create.log"), "keys", "create", "--kind", "hub",
                "--name", "hub-service", "--scopes", "credentials:read");
        assertThat(create.awaitExit(WAIT)).isZero();
        JsonNode created = Fixtures.json(jsonLine(create.logText()));
        String secret = created.get("secret").asText();

        BrokerProcess list = BrokerProcess.start(env, logs.resolve("list.log"), "keys", "list");
        assertThat(list.awaitExit(WAIT)).isZero();
        assertThat(list.logText()).contains(created.get("id").asText()).doesNotContain(secret);

        try (BrokerProcess server = BrokerProcess.start(env, logs.resolve("s2.log")).awaitReady(WAIT)) {
            assertThat(server.http.get(BY_CONNECTION + "conn_cli", Map.of("X-Aitronos-Hub-Key", secret)).statusCode())
                    .isEqualTo(200);
        }
        assertThat(Files.readString(logs.resolve("s2.log"))).doesNotContain(secret).doesNotContain("tok-cli");
    }

    @Test
    void auditVerifyReportsAnIntactChainAndExitsNonZeroWhenTampered() throws Exception {
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", dataDir.toString(),
                "CREDBROKER_MASTER_KEY", RunningBroker.randomKey(), "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY);
        try (BrokerProcess server = BrokerProcess.start(env, logs.resolve("s.log")).awaitReady(WAIT)) {
            server.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_av", "tok-av", 3600));
            for (int i = 0; i < 5; i++) {
                server.http.get(BY_CONNECTION + "conn_av", RunningBroker.admin());
            }
        }
        assertThat(Files.readAllLines(logs.resolve("s.log"))).filteredOn(line -> line.startsWith("{"))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(Fixtures.json(line).has("message")).isTrue());
        BrokerProcess intact = BrokerProcess.start(env, logs.resolve("v1.log"), "audit", "verify");
        assertThat(intact.awaitExit(WAIT)).isZero();
        assertThat(intact.logText()).contains("audit chain intact: 6 records");

        Path segment = Files.list(dataDir.resolve("audit")).filter(p -> p.toString().endsWith(".log")).findFirst()
                .orElseThrow();
        Files.writeString(segment, Files.readString(segment).replaceFirst("credential.read", "credential.reaD"));
        BrokerProcess broken = BrokerProcess.start(env, logs.resolve("v2.log"), "audit", "verify");
        assertThat(broken.awaitExit(WAIT)).isEqualTo(1);
        assertThat(broken.logText()).contains("BROKEN");
    }

    private static String jsonLine(String output) {
        return output.lines().filter(line -> line.startsWith("{\"id\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no key printed:\n" + output));
    }
}
