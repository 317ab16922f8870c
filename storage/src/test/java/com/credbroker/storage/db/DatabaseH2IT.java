package com.credbroker.storage.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.config.DatabaseConfig;
import com.credbroker.storage.testing.TestConfigs;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseH2IT {
    @TempDir
    Path tmp;

    @Test
    void createsTheDataDirectory0700AndDatabaseFiles0600() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (Database database = TestDatabases.h2File(dataDir)) {
            assertThat(database.isReachable()).isTrue();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
        }
    }

    @Test
    void reportsWhetherTheDatabaseExists() {
        DatabaseConfig config = TestConfigs.embedded(tmp.resolve("data"));
        assertThat(Database.databaseExists(config)).isFalse();
        Database.open(config).close();
        assertThat(Database.databaseExists(config)).isTrue();
    }

    @Test
    void isReachableIsFalseOnceClosed() {
        Database database = TestDatabases.h2File(tmp);
        database.close();
        assertThat(database.isReachable()).isFalse();
    }

    @Test
    void readOnlyConnectionReadsWithoutChangingAnyFile() throws Exception {
        DatabaseConfig config = TestConfigs.embedded(tmp.resolve("data"));
        Database.open(config).close();
        Map<String, String> before = digests(tmp.resolve("data"));

        try (Connection connection = Database.openReadOnly(config);
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM credentials")) {
                rows.next();
                assertThat(rows.getLong(1)).isZero();
            }
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_head"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(digests(tmp.resolve("data"))).isEqualTo(before);
    }

    @Test
    void readOnlyConnectionNeverCreatesADatabase() {
        DatabaseConfig config = TestConfigs.embedded(tmp.resolve("none"));
        assertThatThrownBy(() -> Database.openReadOnly(config).close()).isInstanceOf(SQLException.class);
        assertThat(tmp.resolve("none")).doesNotExist();
    }

    @Test
    void refusesH2ServerModesAndWriteDelays() {
        assertThatThrownBy(() -> Database.open(TestConfigs.withUrl(tmp, "jdbc:h2:file:" + tmp + "/x;AUTO_SERVER=TRUE")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Database.open(TestConfigs.withUrl(tmp, "jdbc:h2:file:" + tmp + "/x;WRITE_DELAY=500")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOperatorH2UrlGetsTheDurableWriteSetting() throws Exception {
        DatabaseConfig config = TestConfigs.withUrl(tmp, "jdbc:h2:file:" + tmp.resolve("custom"));
        try (Database database = Database.open(config);
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("0");
        }
    }

    private static Map<String, String> digests(Path dir) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                digests.put(file.getFileName().toString(), HexFormat.of().formatHex(sha));
            }
        }
        return digests;
    }
}
