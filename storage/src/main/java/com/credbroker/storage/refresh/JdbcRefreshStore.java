package com.credbroker.storage.refresh;

import static com.credbroker.storage.db.Jdbc.getInstant;
import static com.credbroker.storage.db.Jdbc.setInstant;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * {@link RefreshStore} in plain JDBC on the {@code credentials} table. Thread-safe. Its transactions run on
 * {@link com.credbroker.storage.db.Transactions} (through {@link com.credbroker.storage.db.Jdbc}), so they join
 * a transaction the calling thread has open; the group-committed writes ({@link SnapshotWrites}) do not: they
 * commit in a leader thread's batch. It stays plain JDBC for now because it binds the record with the
 * positional {@link com.credbroker.storage.credential.CredentialRows} statements it shares with the credential
 * repository; converting both to named binds is one change, not yet made.
 *
 * <p>The due scan selects on plain columns only (see {@link RefreshSql#DUE}); claims ({@link LeaseClaims})
 * read each claimed row once, into the claim's snapshot. On H2 a claimer racing another one for the
 * same rows may get fewer than {@code limit}, or none, while more are due. Every claim, and every
 * recovery of an abandoned lease, increments the row's epoch; writes under a claim ({@link #markSent},
 * {@link #completeUnchanged}, {@link #complete}, {@link #release}) require the claim's epoch <em>and</em>
 * owner, so a released or completed claim cannot write twice. The marker and the snapshot completion
 * are group-committed ({@link SnapshotWrites}).
 *
 * <p>Leases are judged on the dialect's lease clock ({@link RefreshSql.Dialect}): the caller's clock on H2,
 * the database's clock on PostgreSQL, where the caller's {@code leaseUntil} only says how long the lease
 * lasts. Due times, retry-after and every timestamp of the record are the caller's.
 *
 * <p>Records are stored through the same row mapping as {@link com.credbroker.storage.credential.JdbcCredentialRepository}:
 * sealed with the AAD {@code connection:<credential_id>} under the active key term, with
 * {@code has_refresh_token} recomputed.
 */
public final class JdbcRefreshStore implements RefreshStore {
    private final DataSource dataSource;
    private final RefreshSql.Dialect dialect;
    private final LeaseClaims claims;
    private final SnapshotWrites writes;
    private final RefreshCompletion completion;
    private final AbandonedLeases abandoned;
    private final RefreshTokenBackfill backfill;

    /** Detects the dialect (H2 or PostgreSQL) from the database once, here. */
    public JdbcRefreshStore(DataSource dataSource, Cryptographer cryptographer) {
        this(dataSource, cryptographer, RefreshSql.Dialect.of(dataSource));
    }

    JdbcRefreshStore(DataSource dataSource, Cryptographer cryptographer, RefreshSql.Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.claims = new LeaseClaims(dataSource, dialect, cryptographer);
        this.writes = new SnapshotWrites(dataSource, dialect, cryptographer);
        this.completion = new RefreshCompletion(dataSource, cryptographer);
        this.abandoned = new AbandonedLeases(dataSource, dialect);
        this.backfill = new RefreshTokenBackfill(dataSource, cryptographer);
    }

    /**
     * Sets {@code has_refresh_token} on rows written before it existed (NULL), a batch at a time. Run at
     * start, once the keyring is open. A row whose payload does not open is logged by credential ID and
     * left NULL (so it is never refreshed); a row written meanwhile is left as that write set it.
     *
     * @return how many rows were given a value
     */
    public int backfillRefreshTokenFlags() {
        return backfill.run();
    }

    @Override
    public List<RefreshClaim> claimDue(Instant now, Instant dueBefore, int limit, String owner, Instant leaseUntil) {
        checkLease(now, owner, leaseUntil);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return claims.claimDue(now, dueBefore, limit, owner, leaseUntil);
    }

    @Override
    public Optional<RefreshClaim> claim(String credentialId, Instant now, String owner, Instant leaseUntil) {
        checkLease(now, owner, leaseUntil);
        return claims.claim(credentialId, now, owner, leaseUntil);
    }

    @Override
    public boolean markSent(RefreshClaim claim, Instant now) {
        return writes.markSent(claim, snapshotOf(claim).credential().version(), now);
    }

    @Override
    public Optional<Credential> completeUnchanged(RefreshClaim claim, RefreshWrite write) {
        return writes.completeUnchanged(claim, snapshotOf(claim).credential(), write);
    }

    @Override
    public Optional<Credential> complete(RefreshClaim claim, Function<Credential, RefreshWrite> decide) {
        return completion.complete(claim, decide);
    }

    @Override
    public void release(RefreshClaim claim) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement release = connection.prepareStatement(RefreshSql.RELEASE)) {
            bindClaim(release, 1, claim);
            release.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("refresh lease release", e);
        }
    }

    @Override
    public List<AbandonedRefresh> recoverAbandoned(Instant now, String owner, boolean foreignAreDead, String reason) {
        return abandoned.recover(now, owner, foreignAreDead, reason);
    }

    @Override
    public Optional<AbandonedRefresh> recoverLapsed(String credentialId, Instant now, String reason) {
        return abandoned.recoverOne(credentialId, now, reason);
    }

    @Override
    public boolean leaseHeld(String credentialId, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(RefreshSql.LEASE_HELD)) {
            select.setString(1, credentialId);
            setInstant(select, 2, dialect.leaseNow(connection, now));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new StorageException("refresh lease lookup", e);
        }
    }

    @Override
    public Optional<RefreshState> state(String credentialId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(RefreshSql.STATE)) {
            select.setString(1, credentialId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RefreshState(rows.getString("lease_owner"), getInstant(rows, "lease_until"),
                        rows.getLong("refresh_epoch"), getInstant(rows, "refresh_sent_at"),
                        rows.getInt("refresh_failures"), getInstant(rows, "retry_after")));
            }
        } catch (SQLException e) {
            throw new StorageException("refresh state lookup", e);
        }
    }

    @Override
    public long countDue(Instant now, Instant dueBefore) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(RefreshSql.COUNT_DUE)) {
            RefreshSql.bindDue(count, 1, now, dueBefore, dialect.leaseNow(connection, now));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("refresh backlog count", e);
        }
    }

    @Override
    public Map<CredentialStatus, Long> countByStatus() {
        Map<CredentialStatus, Long> counts = new EnumMap<>(CredentialStatus.class);
        for (CredentialStatus status : CredentialStatus.values()) {
            counts.put(status, 0L);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(RefreshSql.COUNT_BY_STATUS);
             ResultSet rows = count.executeQuery()) {
            while (rows.next()) {
                counts.put(CredentialStatus.valueOf(rows.getString(1)), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new StorageException("credential count by status", e);
        }
        return counts;
    }

    private static void checkLease(Instant now, String owner, Instant leaseUntil) {
        if (owner == null || owner.isBlank() || now == null || leaseUntil == null || !leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("a lease needs an owner and must end after now");
        }
    }

    private static ClaimSnapshot snapshotOf(RefreshClaim claim) {
        if (claim.snapshot() == null) {
            throw new IllegalArgumentException("the claim carries no snapshot of its row");
        }
        return claim.snapshot();
    }

    /** Binds credential ID, epoch and owner from {@code first} on. */
    static void bindClaim(PreparedStatement statement, int first, RefreshClaim claim) throws SQLException {
        statement.setString(first, claim.credentialId());
        statement.setLong(first + 1, claim.epoch());
        statement.setString(first + 2, claim.owner());
    }

}
