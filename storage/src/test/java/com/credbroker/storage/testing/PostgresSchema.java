package com.credbroker.storage.testing;

import com.credbroker.config.DatabaseConfig;
import com.credbroker.storage.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A freshly created, empty schema {@code cb_<random>} in the shared test database, for one test (or one
 * test class): its URL selects it with {@code currentSchema}, so the broker's tables, Flyway's history
 * and Quartz's tables all land in it. {@link #close()} drops that schema and nothing else. Several builds
 * (and CI) share the one database at the same time; nothing here reads, truncates or drops what another
 * schema holds.
 *
 * <pre>{@code
 * try (PostgresSchema schema = PostgresSchema.create();
 *      Database database = schema.openDatabase(tempDir)) { ... }
 * }</pre>
 */
public final class PostgresSchema implements AutoCloseable {
    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    /**
     * Creates a new schema.
     *
     * @throws IllegalStateException when the server is unreachable, with {@link TestPostgres#HOW_TO_RUN}
     */
    public static PostgresSchema create() {
        String name = "cb_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + name);
        return new PostgresSchema(name);
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of the test database with this schema as the only one on the search path. */
    public String jdbcUrl() {
        return TestPostgres.DATABASE_URL + "?currentSchema=" + name;
    }

    /**
     * The environment that points a broker (in-process through {@code ConfigLoader}, or a child process) at
     * this schema: {@code CREDBROKER_DB_URL} and {@code CREDBROKER_DB_USER}.
     */
    public Map<String, String> brokerEnv() {
        return Map.of("CREDBROKER_DB_URL", jdbcUrl(), "CREDBROKER_DB_USER", TestPostgres.USER);
    }

    /** The test defaults ({@link TestConfigs}) on this schema, as user {@code postgres}. */
    public DatabaseConfig config(Path dataDir) {
        return new DatabaseConfig(dataDir, jdbcUrl(), Optional.of(TestPostgres.USER), Optional.empty());
    }

    /** The broker's {@link Database} on this schema, migrated; the caller closes it (before this schema). */
    public Database openDatabase(Path dataDir) {
        return Database.open(config(dataDir));
    }

    /** Drops this schema and everything in it. */
    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection connection = TestPostgres.connect(TestPostgres.DATABASE_URL);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            String why = TestPostgres.reachable() ? "PostgreSQL test schema statement failed"
                    : "PostgreSQL unreachable" + (TestPostgres.required() ? " and CI=true: failing, not skipping" : "");
            throw new IllegalStateException(why + " (" + e.getMessage() + "); " + TestPostgres.HOW_TO_RUN, e);
        }
    }
}
