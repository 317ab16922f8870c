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

/**
 * Small plain-JDBC helpers shared by the repositories: transactions with bounded retry of
 * conflicts, and {@link Instant} mapping to {@code TIMESTAMP WITH TIME ZONE} (microsecond precision,
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
     * when it loses a race (unique violation, serialization failure, deadlock, lock timeout).
     */
    public static <T> T inTransaction(DataSource dataSource, String operation, int attempts, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(dataSource, work);
            } catch (SQLException e) {
                if (attempt >= attempts || !isConflict(e)) {
                    throw new StorageException(operation, e);
                }
            }
        }
    }

    private static <T> T once(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
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

    public static Instant getInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The instant as the database will keep it (microseconds); null stays null. */
    public static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
