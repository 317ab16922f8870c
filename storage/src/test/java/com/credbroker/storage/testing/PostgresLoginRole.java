package com.credbroker.storage.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A login role {@code cb_role_<random>} of its own for one broker under test, owning what the broker creates
 * in its {@link PostgresSchema}, so a test can cut exactly that broker off PostgreSQL: {@link #cutOff()}
 * refuses the role's new logins and terminates its backends ({@code pg_terminate_backend}), as a failover
 * or a network partition does; {@link #restore()} lets it log in again. Nothing of another schema, role or
 * build is touched. {@link #close()} drops what the role owns and the role; close it before the schema.
 */
public final class PostgresLoginRole implements AutoCloseable {
    private final String name;
    private final PostgresSchema schema;

    private PostgresLoginRole(String name, PostgresSchema schema) {
        this.name = name;
        this.schema = schema;
    }

    /** A new role that may create and use everything in {@code schema}. */
    public static PostgresLoginRole create(PostgresSchema schema) {
        String name = "cb_role_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE ROLE " + name + " LOGIN", "GRANT ALL ON SCHEMA " + schema.name() + " TO " + name);
        return new PostgresLoginRole(name, schema);
    }

    /** {@code CREDBROKER_DB_URL} (the schema) and {@code CREDBROKER_DB_USER} (this role). */
    public Map<String, String> brokerEnv() {
        Map<String, String> env = new HashMap<>(schema.brokerEnv());
        env.put("CREDBROKER_DB_USER", name);
        return env;
    }

    /** Refuses new logins of the role and terminates its backends; returns how many were terminated. */
    public int cutOff() {
        execute("ALTER ROLE " + name + " NOLOGIN");
        try (Connection connection = TestPostgres.connect(TestPostgres.DATABASE_URL);
             PreparedStatement terminate = connection.prepareStatement(
                     "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ?")) {
            terminate.setString(1, name);
            try (ResultSet rows = terminate.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not terminate the backends of " + name, e);
        }
    }

    /** Lets the role log in again. */
    public void restore() {
        execute("ALTER ROLE " + name + " LOGIN");
    }

    @Override
    public void close() {
        execute("ALTER ROLE " + name + " NOLOGIN", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE usename = '" + name + "'", "DROP OWNED BY " + name + " CASCADE", "DROP ROLE " + name);
    }

    private static void execute(String... statements) {
        try (Connection connection = TestPostgres.connect(TestPostgres.DATABASE_URL);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL role statement failed (" + e.getMessage() + "); "
                    + TestPostgres.HOW_TO_RUN, e);
        }
    }
}
