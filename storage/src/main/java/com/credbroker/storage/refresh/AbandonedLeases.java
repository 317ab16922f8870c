package com.credbroker.storage.refresh;

import static com.credbroker.storage.db.Jdbc.setInstant;

import com.credbroker.storage.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link RefreshStore#recoverAbandoned} and {@link RefreshStore#recoverLapsed}: in one transaction, locks every abandoned lease and either
 * expires its connection (a token request was in flight) or just clears it. Both bump the epoch, so a
 * refresher that was only slow, not dead, can no longer write. Whether a lease lapsed is judged on the
 * dialect's lease clock; the expired record's {@code updated_at} is the caller's {@code now}.
 */
final class AbandonedLeases {
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final RefreshSql.Dialect dialect;

    AbandonedLeases(DataSource dataSource, RefreshSql.Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    List<AbandonedRefresh> recover(Instant now, String owner, boolean foreignAreDead, String reason) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(reason, "reason");
        return Jdbc.inTransaction(dataSource, "refresh lease recovery", ATTEMPTS,
                c -> recoverLocked(c, lockAbandoned(c, dialect.leaseNow(c, now), owner, foreignAreDead), now, reason));
    }

    Optional<AbandonedRefresh> recoverOne(String credentialId, Instant now, String reason) {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(reason, "reason");
        List<AbandonedRefresh> recovered = Jdbc.inTransaction(dataSource, "refresh lease recovery", ATTEMPTS,
                c -> recoverLocked(c, lockLapsed(c, credentialId, dialect.leaseNow(c, now)), now, reason));
        return recovered.stream().findFirst();
    }

    private static List<AbandonedRefresh> recoverLocked(Connection connection, List<Found> found, Instant now,
            String reason) throws SQLException {
        if (found.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement expire = connection.prepareStatement(RefreshSql.EXPIRE_INTERRUPTED);
             PreparedStatement clear = connection.prepareStatement(RefreshSql.CLEAR_ABANDONED)) {
            List<AbandonedRefresh> recovered = new ArrayList<>(found.size());
            for (Found row : found) {
                if (row.interrupted()) {
                    expire.setString(1, reason);
                    setInstant(expire, 2, now);
                    bindRow(expire, 3, row);
                    expire.addBatch();
                } else {
                    bindRow(clear, 1, row);
                    clear.addBatch();
                }
                recovered.add(new AbandonedRefresh(row.credentialId(), row.connectionId(), row.interrupted()));
            }
            expire.executeBatch();
            clear.executeBatch();
            return recovered;
        }
    }

    /** Locks the leases lapsed at {@code leaseNow} (on the lease clock), and foreign ones if they are dead. */
    private static List<Found> lockAbandoned(Connection connection, Instant leaseNow, String owner,
            boolean foreignAreDead) throws SQLException {
        String sql = foreignAreDead ? RefreshSql.ABANDONED_LAPSED_OR_FOREIGN : RefreshSql.ABANDONED_LAPSED;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            setInstant(select, 1, leaseNow);
            if (foreignAreDead) {
                select.setString(2, owner);
            }
            return found(select);
        }
    }

    /** Locks one connection's lease if it lapsed at {@code leaseNow}. */
    private static List<Found> lockLapsed(Connection connection, String credentialId, Instant leaseNow)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(RefreshSql.ABANDONED_LAPSED_ONE)) {
            select.setString(1, credentialId);
            setInstant(select, 2, leaseNow);
            return found(select);
        }
    }

    private static List<Found> found(PreparedStatement select) throws SQLException {
        List<Found> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(new Found(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getObject(4) != null));
            }
        }
        return found;
    }

    private static void bindRow(PreparedStatement statement, int first, Found row) throws SQLException {
        statement.setString(first, row.credentialId());
        statement.setLong(first + 1, row.epoch());
    }

    private record Found(String credentialId, String connectionId, long epoch, boolean interrupted) {
    }
}
