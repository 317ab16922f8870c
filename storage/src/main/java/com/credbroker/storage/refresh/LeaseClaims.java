package com.credbroker.storage.refresh;

import static com.credbroker.storage.db.Jdbc.setInstant;

import com.credbroker.storage.credential.CredentialRows;
import com.credbroker.storage.credential.SecretsCodec;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link RefreshStore#claimDue} and {@link RefreshStore#claim}: take leases and read each claimed row
 * once, into the claim's {@link ClaimSnapshot}, so the refresh itself reads nothing more.
 *
 * <p>A batch claim reads its candidates (on PostgreSQL locking them, skipping rows another claimer
 * holds) and takes each lease in one batch of conditional updates that re-check the epoch read and the
 * due predicate, all in one transaction; so two claimers never get the same row. The snapshot may be
 * older than the lease (an admin write between the read and the update changes the version, not the
 * epoch): writes made from it check the version.
 */
final class LeaseClaims {
    private static final int CLAIM_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final RefreshSql.Dialect dialect;
    private final Cryptographer cryptographer;
    private final SecretsCodec codec = new SecretsCodec();

    LeaseClaims(DataSource dataSource, RefreshSql.Dialect dialect, Cryptographer cryptographer) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.cryptographer = cryptographer;
    }

    List<RefreshClaim> claimDue(Instant now, Instant dueBefore, int limit, String owner, Instant leaseUntil) {
        return Jdbc.inTransaction(dataSource, "refresh batch claim", CLAIM_ATTEMPTS, c -> {
            Lease lease = lease(c, now, owner, leaseUntil);
            return takeLeases(c, dueCandidates(c, now, dueBefore, lease.now(), limit), now, dueBefore, lease);
        });
    }

    Optional<RefreshClaim> claim(String credentialId, Instant now, String owner, Instant leaseUntil) {
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
                    return Optional.of(read(rows).claim(0, lease));
                }
            }
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
                    candidates.add(read(rows));
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
                    claims.add(candidates.get(i).claim(1, lease));
                }
            }
            return claims;
        }
    }

    /** The current row of {@code rows} (selected with {@link RefreshSql#SNAPSHOT_COLUMNS}), opened. */
    private Candidate read(ResultSet rows) throws SQLException {
        String credentialId = rows.getString("credential_id");
        long configVersion = rows.getLong("auth_config_version");
        if (rows.wasNull()) {
            configVersion = ClaimSnapshot.UNKNOWN_VERSION;
        }
        ClaimSnapshot snapshot;
        try {
            snapshot = new ClaimSnapshot(CredentialRows.credential(rows,
                    codec.open(cryptographer, rows)),
                    rows.getInt("refresh_failures"), configVersion);
        } catch (DecryptionException | StorageException e) {
            // One unreadable row must not fail the batch: its refresher reads it again and fails as any read does.
            snapshot = null;
        }
        return new Candidate(credentialId, rows.getString("connection_id"), rows.getString("auth_config_id"),
                rows.getLong("refresh_epoch"), snapshot);
    }

    private static void bindTakeLease(PreparedStatement take, String credentialId, Lease lease) throws SQLException {
        take.setString(1, lease.owner());
        setInstant(take, 2, lease.end());
        take.setString(3, credentialId);
    }

    /** A lease about to be taken: judged at {@code now} on the lease clock, ending at {@code end} (stored precision). */
    private record Lease(String owner, Instant now, Instant end) {
    }

    private record Candidate(String credentialId, String connectionId, String authConfigId, long epoch,
            ClaimSnapshot snapshot) {

        /** The claim on this row, whose epoch is {@code epochStep} above the one read. */
        RefreshClaim claim(long epochStep, Lease lease) {
            return new RefreshClaim(credentialId, connectionId, authConfigId, epoch + epochStep, lease.owner(),
                    lease.end(), snapshot);
        }
    }
}
