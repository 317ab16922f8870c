package com.credbroker.storage.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.config.DatabaseConfig;
import com.credbroker.config.Secret;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database that cannot be opened is one clear sentence naming the setting, never the URL or password. */
class DatabaseUnavailableTest {
    private static final String PASSWORD = "pw-CANARY-5e1f";

    @TempDir
    Path dataDir;

    @Test
    void anUnreachableServerNamesTheUrlSettingAndNoSecret() {
        // port 1 on loopback: nothing listens there, the connection is refused at once
        String url = "jdbc:postgresql://127.0.0.1:1/test?password=" + PASSWORD;
        DatabaseConfig config = new DatabaseConfig(dataDir, url, Optional.of("broker"), Optional.of(Secret.of(PASSWORD)));

        assertThatThrownBy(() -> Database.open(config)).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("cannot connect to the database: check the host and port in CREDBROKER_DB_URL"
                        + " and that the server is running");
        assertThatThrownBy(() -> Database.databaseExists(config)).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageNotContaining(PASSWORD).hasMessageNotContaining("127.0.0.1");
    }

    @Test
    void theSqlStateClassPicksTheSentence() {
        assertThat(DatabaseUnavailableException.of(new SQLException("x", "28P01")).getMessage())
                .isEqualTo("the database refused the login: check CREDBROKER_DB_USER and CREDBROKER_DB_PASSWORD");
        assertThat(DatabaseUnavailableException.of(new RuntimeException(new SQLException("x", "3D000"))).getMessage())
                .isEqualTo("the database named in CREDBROKER_DB_URL does not exist");
        assertThat(DatabaseUnavailableException.of(new SQLException("x", "XX000")).getMessage())
                .isEqualTo("cannot open the database (SQL state XX000)");
        assertThat(DatabaseUnavailableException.of(new RuntimeException("no state")).getMessage())
                .isEqualTo("cannot open the database (SQL state unknown)");
    }
}
