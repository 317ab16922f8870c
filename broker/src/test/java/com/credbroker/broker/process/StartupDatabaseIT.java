package com.credbroker.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.RunningBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database that cannot be reached stops the start with one clear sentence: no stack trace, no secret. */
class StartupDatabaseIT {
    private static final String PASSWORD = "db-pw-CANARY-31c9";

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    @Test
    void anUnreachablePostgresqlServerIsOneClearSentence() throws Exception {
        // nothing listens on port 1 of the loopback: the connection is refused at once
        BrokerProcess process = BrokerProcess.start(Map.of("CREDBROKER_DATA_DIR", dataDir.toString(),
                "CREDBROKER_MASTER_KEY", RunningBroker.randomKey(),
                "CREDBROKER_DB_URL", "jdbc:postgresql://127.0.0.1:1/credbroker?password=" + PASSWORD,
                "CREDBROKER_DB_USER", "broker", "CREDBROKER_DB_PASSWORD", PASSWORD), logs.resolve("db.log"));

        assertThat(process.awaitExit(Duration.ofSeconds(60))).isNotZero();
        assertThat(process.logText())
                .contains("credbroker: cannot connect to the database: check the host and port in CREDBROKER_DB_URL")
                .doesNotContain(PASSWORD).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
