package com.credbroker.storage.health;

import static com.credbroker.storage.db.Jdbc.getInstant;
import static com.credbroker.storage.db.Jdbc.setInstant;

import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ConnectionHealthRepository} in plain JDBC over {@code connection_health}: update, else insert
 * (no dialect-specific upsert); a concurrent first insert loses on the primary key and is retried as an
 * update. Thread-safe.
 */
public final class JdbcConnectionHealthRepository implements ConnectionHealthRepository {
    private static final int ATTEMPTS = 3;
    private static final String UPDATE = "UPDATE connection_health SET status = ?, reason = ?, http_status = ?,"
            + " checked_at = ? WHERE credential_id = ?";
    private static final String INSERT = "INSERT INTO connection_health (status, reason, http_status, checked_at,"
            + " credential_id) VALUES (?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public JdbcConnectionHealthRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<HealthCheck> find(String credentialId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT status, reason, http_status, checked_at FROM connection_health WHERE credential_id = ?")) {
            select.setString(1, credentialId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                int status = rows.getInt("http_status");
                Integer httpStatus = rows.wasNull() ? null : status;
                return Optional.of(new HealthCheck(HealthStatus.valueOf(rows.getString("status")),
                        rows.getString("reason"), httpStatus, getInstant(rows, "checked_at")));
            }
        } catch (SQLException e) {
            throw new StorageException("connection health lookup", e);
        }
    }

    @Override
    public boolean record(String credentialId, HealthCheck check) {
        return Jdbc.inTransaction(dataSource, "connection health record", ATTEMPTS, c ->
                write(c, UPDATE, credentialId, check) == 1
                        || connectionExists(c, credentialId) && write(c, INSERT, credentialId, check) == 1);
    }

    /** Checked first so that a deleted connection is a plain false, not a foreign key violation. */
    private static boolean connectionExists(Connection c, String credentialId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM credentials WHERE credential_id = ?")) {
            select.setString(1, credentialId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static int write(Connection c, String sql, String credentialId, HealthCheck check) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, check.status().name());
            statement.setString(2, check.reason());
            if (check.httpStatus() == null) {
                statement.setNull(3, Types.INTEGER);
            } else {
                statement.setInt(3, check.httpStatus());
            }
            setInstant(statement, 4, check.checkedAt());
            statement.setString(5, credentialId);
            return statement.executeUpdate();
        }
    }
}
