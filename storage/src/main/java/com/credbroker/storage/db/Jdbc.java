package com.credbroker.storage.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.argument.Argument;

/**
 * Small plain-JDBC helpers shared by the repositories: transactions with bounded retry of
 * conflicts (on {@link Transactions}, so a plain-JDBC unit joins a transaction its thread has open), and {@link Instant} mapping to {@code TIMESTAMP WITH TIME ZONE} (microsecond precision,
 * the precision both H2 and PostgreSQL keep).
 */
public final class Jdbc {
    private Jdbc() {
    }

    /** A unit of work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction; no retry. */
    public static <T> T inTransaction(DataSource dataSource, String operation, Work<T> work) {
        return inTransaction(dataSource, operation, 1, work);
    }

    /**
     * Runs {@code work} in one transaction, retrying the whole transaction up to {@code attempts} times
     * when it loses a race (unique violation, serialization failure, deadlock, lock timeout). Inside a
     * transaction this thread already has open on {@code dataSource}, {@code work} joins it instead.
     */
    public static <T> T inTransaction(DataSource dataSource, String operation, int attempts, Work<T> work) {
        return Transactions.of(dataSource).inTransaction(operation, attempts,
                handle -> work.run(handle.getConnection()));
    }

    /** Losing a race rather than a bug: worth retrying the transaction. */
    public static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("40") || "23505".equals(state) || "HYT00".equals(state)
                || "90131".equals(state));
    }

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /**
     * {@code instant} as a Jdbi argument bound exactly as {@link #setInstant} binds it (Jdbi's own
     * {@link Instant} argument would go through {@code java.sql.Timestamp} and the JVM's time zone).
     */
    public static Argument instant(Instant instant) {
        return (position, statement, context) -> setInstant(statement, position, instant);
    }

    public static Instant getInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The instant as the database will keep it (microseconds); null stays null. */
    public static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
