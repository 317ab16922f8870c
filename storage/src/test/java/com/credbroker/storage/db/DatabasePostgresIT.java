package com.credbroker.storage.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.config.DatabaseConfig;
import com.credbroker.storage.testing.PostgresSchema;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Opening, migrating and probing a PostgreSQL database, each test in fresh schemas. */
@RequiresPostgres
class DatabasePostgresIT {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dataDir;

    @Test
    void migratesEveryVersionIntoTheUrlsSchema() throws Exception {
        PostgresSchema schema = schemas.create();
        try (Database database = schema.openDatabase(dataDir)) {
            assertThat(database.isReachable()).isTrue();
            assertThat(tables(database, schema.name())).contains("credentials", "keyring_terms", "keyring_meta",
                    "api_keys", "audit_log", "audit_head", "auth_configs", "flyway_schema_history",
                    "qrtz_job_details", "qrtz_triggers", "qrtz_locks", "qrtz_scheduler_state", "oauth_states",
                    "connection_health");
            assertThat(appliedVersions(database)).containsExactlyElementsOf(h2Versions());
        }
    }

    @Test
    void reportsWhetherTheDatabaseExistsInItsOwnSchemaOnly() {
        DatabaseConfig migrated = schemas.create().config(dataDir);
        DatabaseConfig empty = schemas.create().config(dataDir);
        Database.open(migrated).close();

        assertThat(Database.databaseExists(migrated)).isTrue();
        assertThat(Database.databaseExists(empty)).isFalse();
    }

    @Test
    void reopeningAMigratedSchemaChangesNothing() throws Exception {
        PostgresSchema schema = schemas.create();
        schema.openDatabase(dataDir).close();
        try (Database again = schema.openDatabase(dataDir)) {
            assertThat(appliedVersions(again)).containsExactlyElementsOf(h2Versions());
        }
    }

    @Test
    void readOnlyConnectionReadsButRefusesWrites() throws Exception {
        DatabaseConfig config = schemas.create().config(dataDir);
        Database.open(config).close();

        try (Connection connection = Database.openReadOnly(config);
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM credentials")) {
                rows.next();
                assertThat(rows.getLong(1)).isZero();
            }
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_head"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aMissingDatabaseIsAClearStartupError() {
        String url = schemas.create().jdbcUrl().replace("/test?", "/credbroker_no_such_database?");
        DatabaseConfig withUser = new DatabaseConfig(dataDir, url, java.util.Optional.of("postgres"),
                java.util.Optional.empty());

        assertThatThrownBy(() -> Database.open(withUser)).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("the database named in CREDBROKER_DB_URL does not exist");
        assertThatThrownBy(() -> Database.databaseExists(withUser)).isInstanceOf(DatabaseUnavailableException.class);
    }

    private static List<String> tables(Database database, String schema) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            select.setString(1, schema);
            return strings(select);
        }
    }

    private static List<String> appliedVersions(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            return strings(select);
        }
    }

    private static List<String> strings(PreparedStatement select) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The versions of the H2 migrations: PostgreSQL must have a twin of each (same number). */
    private static List<String> h2Versions() throws Exception {
        URI folder = DatabasePostgresIT.class.getResource("/db/migration/h2").toURI();
        // Failsafe runs against the module's jar: the folder is then inside it.
        try (FileSystem jar = "jar".equals(folder.getScheme()) ? FileSystems.newFileSystem(folder, Map.of()) : null;
             Stream<Path> files = Files.list(Path.of(folder))) {
            List<String> versions = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("V"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
            assertThat(versions).as("H2 migrations").isNotEmpty();
            return versions;
        }
    }
}
