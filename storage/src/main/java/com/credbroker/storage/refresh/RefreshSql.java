package com.credbroker.storage.refresh;

import static com.credbroker.storage.db.Jdbc.setInstant;
import static com.credbroker.storage.db.Jdbc.stored;

import com.credbroker.storage.credential.CredentialRows;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The SQL of {@link JdbcRefreshStore}. The dialects differ in two things ({@link Dialect}): whether the
 * batch claim's candidate query locks, and which clock judges leases. Everything else is plain SQL both
 * H2 and PostgreSQL run.
 *
 * <p>The due predicate is written once ({@link #DUE}) and shared by the claim and the backlog count.
 * The auth config is checked with {@code EXISTS} rather than a join so that a locking read locks
 * credential rows only, never the shared {@code auth_configs} row, and a missing config needs no
 * outer join.
 *
 * <p>Two kinds of time are bound as parameters. <em>Lease time</em> ({@code leaseNow}: whether a lease is
 * live, when a new one ends) comes from {@link Dialect#leaseNow}. <em>Record time</em> ({@code now}: due
 * and retry-after, {@code updated_at}, the in-flight marker) is always the caller's clock, like every other
 * timestamp the broker writes.
 */
final class RefreshSql {

    /**
     * The two places the dialects differ.
     *
     * <p><b>Candidate locking.</b> PostgreSQL locks while it scans and skips rows another claimer holds
     * ({@code FOR UPDATE SKIP LOCKED}), so concurrent claimers (threads or nodes) get disjoint batches. H2
     * reads without locking: under {@code FOR UPDATE} it does not use the {@code expires_at} index for the
     * order, so it would lock <em>every</em> due row to keep the first {@code limit} (measured on an H2 file:
     * a 10,000-row backlog claimed 256 at a time took 3.4 to 5 s that way, 0.6 s this way). On both, the
     * conditional update ({@link #TAKE_DUE_LEASE}) is what decides: it re-checks the epoch read and the due
     * predicate on the row it locks (H2 re-evaluates an update's condition after waiting for a row lock, as
     * PostgreSQL does under read committed).
     *
     * <p><b>Lease clock.</b> On PostgreSQL, where several nodes share the rows, leases are judged in the
     * <em>database's</em> time: each operation reads {@code clock_timestamp()} once, in its own
     * transaction, and uses it both to decide whether a lease has lapsed and to compute the new lease's end
     * ({@code leaseNow + (leaseUntil - now)}: the caller's lease <em>length</em> on the database's clock). A
     * node whose clock is minutes off therefore neither takes a live lease nor leaves a lapsed one alone, and
     * fencing epochs move only when the database says a lease is over. The embedded H2 node is the only
     * process on its rows, so there the caller's clock is the lease clock: tests drive leases with an
     * injected clock.
     */
    enum Dialect {
        H2("") {
            @Override
            Instant leaseNow(Connection connection, Instant callerNow) {
                return callerNow;
            }
        },
        POSTGRESQL(" FOR UPDATE SKIP LOCKED") {
            @Override
            Instant leaseNow(Connection connection, Instant callerNow) throws SQLException {
                try (PreparedStatement select = connection.prepareStatement(DATABASE_NOW);
                     ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return stored(rows.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
        };

        private final String claimCandidates;

        Dialect(String lockClause) {
            this.claimCandidates = "SELECT " + SNAPSHOT_COLUMNS + " FROM credentials WHERE " + DUE
                    + " ORDER BY expires_at FETCH FIRST ? ROWS ONLY" + lockClause;
        }

        static Dialect of(DataSource dataSource) {
            try (Connection connection = dataSource.getConnection()) {
                String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
                return product.contains("postgresql") ? POSTGRESQL : H2;
            } catch (SQLException e) {
                throw new StorageException("refresh store dialect detection", e);
            }
        }

        /**
         * Up to {@code limit} due rows, earliest expiry first, with {@link #SNAPSHOT_COLUMNS}. Parameters:
         * {@link #DUE}, then the limit.
         */
        String claimCandidates() {
            return claimCandidates;
        }

        /** The instant leases are judged at, for an operation whose caller says it is {@code callerNow}. */
        abstract Instant leaseNow(Connection connection, Instant callerNow) throws SQLException;

        /** When a lease taken at {@code leaseNow} ends: the caller's lease length on the lease clock. */
        static Instant leaseEnd(Instant leaseNow, Instant callerNow, Instant callerLeaseUntil) {
            return stored(leaseNow.plus(Duration.between(callerNow, callerLeaseUntil)));
        }
    }

    /** The database server's clock, now (not the transaction's start). PostgreSQL only. */
    static final String DATABASE_NOW = "SELECT clock_timestamp()";

    /**
     * What a claim reads of its row, so that the refresh need not read it again: the record, its epoch and
     * failure count, and its auth config's version (a scalar subquery, so a locking read locks no
     * {@code auth_configs} row).
     */
    static final String SNAPSHOT_COLUMNS = CredentialRows.PLAIN_COLUMNS + ", payload, refresh_epoch, refresh_failures,"
            + " (SELECT a.version FROM auth_configs a WHERE a.auth_config_id = credentials.auth_config_id)"
            + " AS auth_config_version";

    /**
     * Free to claim at {@code leaseNow} (parameter 1): no lease, or a lease that lapsed with no token request
     * in flight. A lapsed lease that carries the in-flight marker is never taken: its request may have
     * reached the provider, which may have rotated the refresh token, so presenting the token again could get
     * the grant revoked. Only recovery ({@link #ABANDONED_LAPSED}, {@link #ABANDONED_LAPSED_ONE}) touches it,
     * whichever claim (scan, read-time, forced) reaches it first.
     */
    static final String CLAIMABLE = "(lease_until IS NULL OR (lease_until <= ? AND refresh_sent_at IS NULL))";

    /**
     * Refreshable and due, bound by {@link #bindDue}: due before, now (retry after), lease now. Matches the
     * {@link RefreshStore} javadoc.
     */
    static final String DUE = "auth_scheme = 'OAUTH2' AND has_refresh_token = TRUE AND is_disabled = FALSE"
            + " AND (status = 'ACTIVE' OR (status = 'EXPIRED' AND refresh_failures > 0))"
            + " AND EXISTS (SELECT 1 FROM auth_configs a WHERE a.auth_config_id = credentials.auth_config_id"
            + " AND a.refresh_blocked_reason IS NULL)"
            + " AND expires_at <= ? AND (retry_after IS NULL OR retry_after <= ?) AND " + CLAIMABLE;

    static final int DUE_PARAMETERS = 3;

    static final String COUNT_DUE = "SELECT COUNT(*) FROM credentials WHERE " + DUE;

    private static final String NEW_LEASE = "UPDATE credentials SET lease_owner = ?, lease_until = ?,"
            + " refresh_epoch = refresh_epoch + 1, refresh_sent_at = NULL WHERE credential_id = ? AND ";

    /** Takes the lease and a new epoch if the row is {@link #CLAIMABLE}. Parameters: owner, lease end, credential ID, lease now. */
    static final String TAKE_LEASE = NEW_LEASE + CLAIMABLE;

    /**
     * Takes the lease of a batch candidate if it is unchanged since it was read and still due. Parameters:
     * owner, lease end, credential ID, the epoch read, then {@link #DUE}.
     */
    static final String TAKE_DUE_LEASE = NEW_LEASE + "refresh_epoch = ? AND " + DUE;

    static final String CLAIMED = "SELECT " + SNAPSHOT_COLUMNS + " FROM credentials WHERE credential_id = ?";

    /**
     * Sets the in-flight marker while the claim still holds and its lease is live: a request is never sent
     * under a lapsed lease, which another claimer may take at any moment; and only while the record is at
     * the version the claim's snapshot read. Parameters: sent at, credential ID, epoch, owner, lease now,
     * version.
     */
    static final String MARK_SENT = "UPDATE credentials SET refresh_sent_at = ?"
            + " WHERE credential_id = ? AND refresh_epoch = ? AND lease_owner = ? AND lease_until > ? AND version = ?";

    /** Whether a live lease is held. Parameters: credential ID, lease now. */
    static final String LEASE_HELD = "SELECT 1 FROM credentials WHERE credential_id = ? AND lease_until > ?";

    private static final String CLEAR_LEASE = "lease_owner = NULL, lease_until = NULL, refresh_sent_at = NULL";

    /** Parameters: credential ID, epoch, owner. */
    static final String RELEASE = "UPDATE credentials SET " + CLEAR_LEASE
            + " WHERE credential_id = ? AND refresh_epoch = ? AND lease_owner = ?";

    static final String LOCK_FOR_COMPLETION = "SELECT " + CredentialRows.PLAIN_COLUMNS
            + ", payload, refresh_epoch, lease_owner FROM credentials WHERE credential_id = ? FOR UPDATE";

    /**
     * Stores a refreshed record and finishes the lease. Parameters: the record ({@link CredentialRows#bindRecord}),
     * then failures, retry after, credential ID, epoch.
     */
    static final String STORE_REFRESHED = "UPDATE credentials SET " + CredentialRows.RECORD_ASSIGNMENTS
            + ", refresh_failures = ?, retry_after = ?, " + CLEAR_LEASE
            + " WHERE credential_id = ? AND refresh_epoch = ?";

    /**
     * Stores a refreshed record decided from the claim's snapshot: only while the claim holds and the row is
     * still at the snapshot's version. Parameters as {@link #STORE_REFRESHED}, then owner and version.
     */
    static final String STORE_UNCHANGED = STORE_REFRESHED + " AND lease_owner = ? AND version = ?";

    /** Abandoned leases: lapsed at {@code leaseNow} (parameter 1). */
    static final String ABANDONED_LAPSED = "SELECT credential_id, connection_id, refresh_epoch, refresh_sent_at"
            + " FROM credentials WHERE lease_until IS NOT NULL AND lease_until <= ? FOR UPDATE";

    /** One connection's lease if it lapsed at {@code leaseNow}. Parameters: credential ID, lease now. */
    static final String ABANDONED_LAPSED_ONE = "SELECT credential_id, connection_id, refresh_epoch, refresh_sent_at"
            + " FROM credentials WHERE credential_id = ? AND lease_until IS NOT NULL AND lease_until <= ? FOR UPDATE";

    /** Abandoned leases when no other process can be alive: lapsed at {@code leaseNow} (1), or not {@code owner}'s (2). */
    static final String ABANDONED_LAPSED_OR_FOREIGN = "SELECT credential_id, connection_id, refresh_epoch,"
            + " refresh_sent_at FROM credentials WHERE lease_until IS NOT NULL"
            + " AND (lease_until <= ? OR lease_owner IS NULL OR lease_owner <> ?) FOR UPDATE";

    /** An interrupted refresh: the provider may have rotated the refresh token, so no retry. */
    static final String EXPIRE_INTERRUPTED = "UPDATE credentials SET status = 'EXPIRED', status_reason = ?,"
            + " updated_at = ?, version = version + 1, refresh_failures = 0, retry_after = NULL,"
            + " refresh_epoch = refresh_epoch + 1, " + CLEAR_LEASE + " WHERE credential_id = ? AND refresh_epoch = ?";

    /** A lease given up before any request was sent: the record is unchanged. */
    static final String CLEAR_ABANDONED = "UPDATE credentials SET refresh_epoch = refresh_epoch + 1, " + CLEAR_LEASE
            + " WHERE credential_id = ? AND refresh_epoch = ?";

    static final String STATE = "SELECT lease_owner, lease_until, refresh_epoch, refresh_sent_at, refresh_failures,"
            + " retry_after FROM credentials WHERE credential_id = ?";

    static final String COUNT_BY_STATUS = "SELECT status, COUNT(*) FROM credentials GROUP BY status";

    private RefreshSql() {
    }

    /** Binds {@link #DUE} from parameter {@code first} on. */
    static void bindDue(PreparedStatement statement, int first, Instant now, Instant dueBefore, Instant leaseNow)
            throws SQLException {
        setInstant(statement, first, dueBefore);
        setInstant(statement, first + 1, now);
        setInstant(statement, first + 2, leaseNow);
    }
}
