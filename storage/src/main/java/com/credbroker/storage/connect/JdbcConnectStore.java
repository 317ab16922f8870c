package com.credbroker.storage.connect;

import static com.credbroker.storage.db.Jdbc.getInstant;
import static com.credbroker.storage.db.Jdbc.instant;

import com.credbroker.storage.db.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;

/**
 * {@link ConnectStore} with Jdbi over the {@code oauth_states} table and the plain columns of
 * {@code credentials}. Plain SQL that H2 and PostgreSQL both run. Every call joins a transaction its thread
 * has open on the same data source ({@link Transactions}), so a service can make a state claim and the
 * connection's status change one atomic write. Thread-safe.
 */
public final class JdbcConnectStore implements ConnectStore {
    private static final String COLUMNS = "state_hash, credential_id, redirect_uri, created_at, expires_at, consumed_at,"
            + " nonce_hash";
    private static final String INSERT = "INSERT INTO oauth_states (" + COLUMNS + ") VALUES (:state_hash,"
            + " :credential_id, :redirect_uri, :created_at, :expires_at, :consumed_at, :nonce_hash)";
    private static final String CONSUME = "UPDATE oauth_states SET consumed_at = :now"
            + " WHERE state_hash = :state_hash AND consumed_at IS NULL";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM oauth_states WHERE state_hash = :state_hash";
    private static final String EXPIRE = "UPDATE credentials SET status = 'EXPIRED', status_reason = :reason,"
            + " updated_at = :now, version = version + 1 WHERE credential_id = :credential_id AND status = 'INITIATED'";
    private static final String OVERDUE = "SELECT c.credential_id, c.connection_id FROM credentials c"
            + " JOIN oauth_states s ON s.credential_id = c.credential_id"
            + " WHERE c.status = 'INITIATED' AND s.expires_at <= :now"
            + " AND (s.consumed_at IS NULL OR s.consumed_at <= :consumed_before)"
            + " ORDER BY s.expires_at FETCH FIRST :limit ROWS ONLY";

    private static final String PURGE = "DELETE FROM oauth_states WHERE expires_at < :expired_before AND NOT EXISTS"
            + " (SELECT 1 FROM credentials c WHERE c.credential_id = oauth_states.credential_id"
            + " AND c.status = 'INITIATED')";

    private final Transactions transactions;

    public JdbcConnectStore(DataSource dataSource) {
        this.transactions = Transactions.of(dataSource);
    }

    @Override
    public void saveAuthorization(PendingAuthorization a) {
        transactions.inTransaction("authorization save", handle -> handle.createUpdate(INSERT)
                .bind("state_hash", a.stateHash())
                .bind("credential_id", a.credentialId())
                .bind("redirect_uri", a.redirectUri())
                .bind("created_at", instant(a.createdAt()))
                .bind("expires_at", instant(a.expiresAt()))
                .bind("consumed_at", instant(a.consumedAt()))
                .bind("nonce_hash", a.nonceHash())
                .execute());
    }

    @Override
    public StateClaim consume(String stateHash, Instant now) {
        return transactions.inTransaction("state consumption", handle -> {
            int claimed = handle.createUpdate(CONSUME)
                    .bind("now", instant(now))
                    .bind("state_hash", stateHash)
                    .execute();
            Optional<PendingAuthorization> row = select(handle, stateHash);
            if (row.isEmpty()) {
                return new StateClaim.Unknown();
            }
            return claimed == 1 ? new StateClaim.Claimed(row.get()) : new StateClaim.Reused(row.get());
        });
    }

    private static Optional<PendingAuthorization> select(Handle handle, String stateHash) {
        return handle.createQuery(SELECT)
                .bind("state_hash", stateHash)
                .map((rows, context) -> authorization(rows))
                .findOne();
    }

    private static PendingAuthorization authorization(ResultSet rows) throws SQLException {
        return new PendingAuthorization(rows.getString("state_hash"), rows.getString("credential_id"),
                rows.getString("redirect_uri"), getInstant(rows, "created_at"), getInstant(rows, "expires_at"),
                getInstant(rows, "consumed_at"), rows.getString("nonce_hash"));
    }

    @Override
    public boolean expireInitiated(String credentialId, String reason, Instant now) {
        return transactions.inTransaction("authorization expiry", handle -> handle.createUpdate(EXPIRE)
                .bind("reason", reason)
                .bind("now", instant(now))
                .bind("credential_id", credentialId)
                .execute() == 1);
    }

    @Override
    public List<OverdueAuthorization> findOverdue(Instant now, Instant consumedBefore, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return transactions.withHandle("overdue authorization scan", handle -> handle.createQuery(OVERDUE)
                .bind("now", instant(now))
                .bind("consumed_before", instant(consumedBefore))
                .bind("limit", limit)
                .map((rows, context) -> new OverdueAuthorization(rows.getString(1), rows.getString(2)))
                .list());
    }

    @Override
    public int purgeFinished(Instant expiredBefore) {
        return transactions.inTransaction("authorization purge", handle -> handle.createUpdate(PURGE)
                .bind("expired_before", instant(expiredBefore))
                .execute());
    }
}
