package com.credbroker.storage.connect;

import static com.credbroker.storage.db.Jdbc.getInstant;
import static com.credbroker.storage.db.Jdbc.setInstant;

import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ConnectStore} in plain JDBC over the {@code oauth_states} table and the plain columns of
 * {@code credentials}. Plain SQL that H2 and PostgreSQL both run. Thread-safe.
 */
public final class JdbcConnectStore implements ConnectStore {
    private static final String COLUMNS = "state_hash, credential_id, redirect_uri, created_at, expires_at, consumed_at";
    private static final String INSERT = "INSERT INTO oauth_states (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
    private static final String CONSUME = "UPDATE oauth_states SET consumed_at = ?"
            + " WHERE state_hash = ? AND consumed_at IS NULL";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM oauth_states WHERE state_hash = ?";
    private static final String EXPIRE = "UPDATE credentials SET status = 'EXPIRED', status_reason = ?,"
            + " updated_at = ?, version = version + 1 WHERE credential_id = ? AND status = 'INITIATED'";
    private static final String OVERDUE = "SELECT c.credential_id, c.connection_id FROM credentials c"
            + " JOIN oauth_states s ON s.credential_id = c.credential_id"
            + " WHERE c.status = 'INITIATED' AND s.expires_at <= ?"
            + " AND (s.consumed_at IS NULL OR s.consumed_at <= ?)"
            + " ORDER BY s.expires_at FETCH FIRST ? ROWS ONLY";

    private static final String PURGE = "DELETE FROM oauth_states WHERE expires_at < ? AND NOT EXISTS"
            + " (SELECT 1 FROM credentials c WHERE c.credential_id = oauth_states.credential_id"
            + " AND c.status = 'INITIATED')";

    private final DataSource dataSource;

    public JdbcConnectStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void saveAuthorization(PendingAuthorization a) {
        Jdbc.inTransaction(dataSource, "authorization save", c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setString(1, a.stateHash());
                insert.setString(2, a.credentialId());
                insert.setString(3, a.redirectUri());
                setInstant(insert, 4, a.createdAt());
                setInstant(insert, 5, a.expiresAt());
                setInstant(insert, 6, a.consumedAt());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public StateClaim consume(String stateHash, Instant now) {
        return Jdbc.inTransaction(dataSource, "state consumption", c -> {
            int claimed;
            try (PreparedStatement consume = c.prepareStatement(CONSUME)) {
                setInstant(consume, 1, now);
                consume.setString(2, stateHash);
                claimed = consume.executeUpdate();
            }
            Optional<PendingAuthorization> row = select(c, stateHash);
            if (row.isEmpty()) {
                return new StateClaim.Unknown();
            }
            return claimed == 1 ? new StateClaim.Claimed(row.get()) : new StateClaim.Reused(row.get());
        });
    }

    private static Optional<PendingAuthorization> select(Connection c, String stateHash) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT)) {
            select.setString(1, stateHash);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PendingAuthorization(rows.getString("state_hash"),
                        rows.getString("credential_id"), rows.getString("redirect_uri"),
                        getInstant(rows, "created_at"), getInstant(rows, "expires_at"),
                        getInstant(rows, "consumed_at")));
            }
        }
    }

    @Override
    public boolean expireInitiated(String credentialId, String reason, Instant now) {
        return Jdbc.inTransaction(dataSource, "authorization expiry", c -> {
            try (PreparedStatement expire = c.prepareStatement(EXPIRE)) {
                expire.setString(1, reason);
                setInstant(expire, 2, now);
                expire.setString(3, credentialId);
                return expire.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<OverdueAuthorization> findOverdue(Instant now, Instant consumedBefore, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(OVERDUE)) {
            setInstant(select, 1, now);
            setInstant(select, 2, consumedBefore);
            select.setInt(3, limit);
            List<OverdueAuthorization> overdue = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    overdue.add(new OverdueAuthorization(rows.getString(1), rows.getString(2)));
                }
            }
            return overdue;
        } catch (SQLException e) {
            throw new StorageException("overdue authorization scan", e);
        }
    }

    @Override
    public int purgeFinished(Instant expiredBefore) {
        return Jdbc.inTransaction(dataSource, "authorization purge", c -> {
            try (PreparedStatement purge = c.prepareStatement(PURGE)) {
                setInstant(purge, 1, expiredBefore);
                return purge.executeUpdate();
            }
        });
    }
}
