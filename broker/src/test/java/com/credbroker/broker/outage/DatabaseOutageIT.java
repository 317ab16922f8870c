package com.credbroker.broker.outage;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.refresh.testing.RotatingProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker on the embedded H2 file whose database is closed under it (as H2 does after a fatal I/O error)
 * and whose file cannot be opened again: a directory stands where the file was (even root cannot open that
 * as a file, and H2 cannot create a fresh empty database there). Then the file is put back.
 */
class DatabaseOutageIT extends DatabaseOutageScenario {
    @TempDir
    Path dataDir;
    @TempDir
    Path aside;

    private RunningBroker broker;

    @Override
    void cutOff() throws Exception {
        // First the file away (the open database keeps writing to it), a directory in its place, then the
        // close: a reconnection racing the close finds a directory it cannot open, never the real file.
        Files.move(file(), aside.resolve("credbroker.mv.db"));
        Files.createDirectory(file());
        try (Connection connection = broker.broker().storage().database().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException closedUnderUs) {
            // expected: SHUTDOWN closes the very session it runs on
            assertThat(closedUnderUs.getErrorCode()).isEqualTo(ErrorCode.DATABASE_CALLED_AT_SHUTDOWN);
        }
    }

    @Override
    void restore() throws Exception {
        Files.delete(file());
        Files.move(aside.resolve("credbroker.mv.db"), file());
    }

    private Path file() {
        return dataDir.resolve("credbroker.mv.db");
    }

    @Test
    void anUnopenableDatabaseFileAnswers503WithoutProviderCallsAndServiceResumesWithoutRestart() throws Exception {
        try (RotatingProvider provider = RotatingProvider.start();
             RunningBroker running = new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true"))) {
            broker = running;
            runScenario(running, provider);
        }
    }
}
