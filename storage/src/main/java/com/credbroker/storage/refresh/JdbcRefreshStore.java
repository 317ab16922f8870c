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
 * {@link RefreshStore} in plain JDBC on the {@code credentials} table. Thread-safe.
 *
 * <p>Claims never open a payload: the due scan reads plain columns only (see {@link RefreshSql#DUE}).
 * A batch claim reads its candidates (on PostgreSQL locking them, skipping rows another claimer holds)
 * and takes each lease in one batch of conditional updates that re-check the epoch read and the due
 * predicate, all in one transaction; so two claimers never get the same row. On H2 a claimer racing
 * another one for the same rows may get fewer than {@code limit}, or none, while more are due. Every
 * claim, and every recovery of an abandoned lease, increments the row's epoch; writes under a claim
 * ({@link #markSent}, {@link #complete}, {@link #release}) require the claim's epoch <em>and</em> owner,
 * so a released or completed claim cannot write twice.
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
    private static final int CLAIM_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final RefreshSql.Dialect dialect;
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
        return Jdbc.inTransaction(dataSource, "refresh batch claim", CLAIM_ATTEMPTS, c -> {
            Lease lease = lease(c, now, owner, leaseUntil);
            return takeLeases(c, dueCandidates(c, now, dueBefore, lease.now(), limit), now, dueBefore, lease);
        });
    }

    private Lease lease(Connection connection, Instant now, String owner, Instant leaseUntil) throws SQLException {
        Instant leaseNow = dialect.leaseNow(connection, now);
        return new Lease(owner, leaseNow, RefreshSql.Dialect.leaseEnd(leaseNow, now, leaseUntil));
    }

    private List<Candidate> dueCandidates(Connection connection, Instant now, Instant dueBefore, Instant leaseNow,
            int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(dialect.claimCandidates())) {
            RefreshSql.bindDue(select, 1, now, dueBefore, leaseNow);
            select.setInt(RefreshSql.DUE_PARAMETERS + 1, limit);
            List<Candidate> candidates = new ArrayList<>(Math.min(limit, 1024));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    candidates.add(new Candidate(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getLong(4)));
                }
            }
            return candidates;
        }
    }

    /** Takes each candidate's lease if it is unchanged and still due; the ones taken become claims. */
    private static List<RefreshClaim> takeLeases(Connection connection, List<Candidate> candidates, Instant now,
            Instant dueBefore, Lease lease) throws SQLException {
        if (candidates.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement take = connection.prepareStatement(RefreshSql.TAKE_DUE_LEASE)) {
            for (Candidate candidate : candidates) {
                bindTakeLease(take, candidate.credentialId(), lease);
                take.setLong(4, candidate.epoch());
                RefreshSql.bindDue(take, 5, now, dueBefore, lease.now());
                take.addBatch();
            }
            int[] counts = take.executeBatch();
            List<RefreshClaim> claims = new ArrayList<>(candidates.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == Statement.SUCCESS_NO_INFO) {
                    // Which leases were taken is unknown: roll back rather than hold leases nobody knows of.
                    throw new StorageException("the database reported no update counts for the refresh claim");
                }
                if (counts[i] == 1) {
                    Candidate c = candidates.get(i);
                    claims.add(new RefreshClaim(c.credentialId(), c.connectionId(), c.authConfigId(), c.epoch() + 1,
                            lease.owner(), lease.end()));
                }
            }
            return claims;
        }
    }

    @Override
    public Optional<RefreshClaim> claim(String credentialId, Instant now, String owner, Instant leaseUntil) {
        checkLease(now, owner, leaseUntil);
        return Jdbc.inTransaction(dataSource, "refresh claim", c -> {
            Lease lease = lease(c, now, owner, leaseUntil);
            try (PreparedStatement take = c.prepareStatement(RefreshSql.TAKE_LEASE)) {
                bindTakeLease(take, credentialId, lease);
                setInstant(take, 4, lease.now());
                if (take.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = c.prepareStatement(RefreshSql.CLAIMED)) {
                select.setString(1, credentialId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return Optional.of(new RefreshClaim(credentialId, rows.getString(1), rows.getString(2),
                            rows.getLong(3), owner, lease.end()));
                }
            }
        });
    }

    @Override
    public boolean markSent(RefreshClaim claim, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement mark = connection.prepareStatement(RefreshSql.MARK_SENT)) {
            setInstant(mark, 1, now);
            bindClaim(mark, 2, claim);
            setInstant(mark, 5, dialect.leaseNow(connection, now));
            return mark.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("refresh in-flight marker", e);
        }
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

    private static void bindTakeLease(PreparedStatement take, String credentialId, Lease lease) throws SQLException {
        take.setString(1, lease.owner());
        setInstant(take, 2, lease.end());
        take.setString(3, credentialId);
    }

    /** Binds credential ID, epoch and owner from {@code first} on. */
    static void bindClaim(PreparedStatement statement, int first, RefreshClaim claim) throws SQLException {
        statement.setString(first, claim.credentialId());
        statement.setLong(first + 1, claim.epoch());
        statement.setString(first + 2, claim.owner());
    }

    /** A lease about to be taken: judged at {@code now} on the lease clock, ending at {@code end} (stored precision). */
    private record Lease(String owner, Instant now, Instant end) {
    }

    private record Candidate(String credentialId, String connectionId, String authConfigId, long epoch) {
    }
}
