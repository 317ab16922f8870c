package com.credbroker.broker.process;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write answered with 2xx survives {@code kill -9} of the real process right after the answer. */
class KillDurabilityIT {
    static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    @Test
    void acknowledgedWritesSurviveKillMinusNine() throws Exception {
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", dataDir.toString(),
                "CREDBROKER_MASTER_KEY", RunningBroker.randomKey(), "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY,
                "CREDBROKER_LOG_FORMAT", "text");
        List<String> acknowledged = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            BrokerProcess process = BrokerProcess.start(env, logs.resolve("broker.log")).awaitReady(START);
            for (int i = 0; i < 25; i++) {
                String id = "conn_kill_" + round + "_" + i;
                HttpResponse<String> write = process.http.post(CREDENTIALS, RunningBroker.admin(),
                        Fixtures.oauth2(id, "tok-" + id, 3600));
                assertThat(write.statusCode()).isIn(200, 201);
                acknowledged.add(id);
            }
            process.killHard();
        }

        try (BrokerProcess process = BrokerProcess.start(env, logs.resolve("broker.log")).awaitReady(START)) {
            for (String id : acknowledged) {
                HttpResponse<String> read = process.http.get(BY_CONNECTION + id, RunningBroker.admin());
                assertThat(read.statusCode()).as(id).isEqualTo(200);
                assertThat(Fixtures.body(read).at("/credentials/access_token").asText()).isEqualTo("tok-" + id);
            }
        }
    }
}
