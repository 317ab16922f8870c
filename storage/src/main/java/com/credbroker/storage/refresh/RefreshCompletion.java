package com.credbroker.storage.refresh;

import static com.credbroker.storage.db.Jdbc.setInstant;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialRows;
import com.credbroker.storage.credential.SecretsCodec;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * {@link RefreshStore#complete}: one transaction that locks the row, checks that the claim still holds
 * (same epoch and owner), opens the current record, asks the caller what to store and stores it. The
 * decision runs while the row is locked, so it must not wait on anything slow (no network).
 */
final class RefreshCompletion {
    private final DataSource dataSource;
    private final Cryptographer cryptographer;
    private final SecretsCodec codec = new SecretsCodec();

    RefreshCompletion(DataSource dataSource, Cryptographer cryptographer) {
        this.dataSource = dataSource;
        this.cryptographer = cryptographer;
    }

    Optional<Credential> complete(RefreshClaim claim, Function<Credential, RefreshWrite> decide) {
        return Jdbc.inTransaction(dataSource, "refresh completion", c -> {
            Optional<Credential> current = lockIfClaimed(c, claim);
            if (current.isEmpty()) {
                return current;
            }
            RefreshWrite write = decide.apply(current.get());
            if (write == null) {
                clearLease(c, claim);
                return current;
            }
            return Optional.of(store(c, claim, current.get(), write));
        });
    }

    /** The current record, locked; empty when the row is gone or the claim no longer holds. */
    private Optional<Credential> lockIfClaimed(Connection connection, RefreshClaim claim) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(RefreshSql.LOCK_FOR_COMPLETION)) {
            lock.setString(1, claim.credentialId());
            try (ResultSet rows = lock.executeQuery()) {
                if (!rows.next() || rows.getLong("refresh_epoch") != claim.epoch()
                        || !claim.owner().equals(rows.getString("lease_owner"))) {
                    return Optional.empty();
                }
                return Optional.of(CredentialRows.credential(rows, codec.open(cryptographer, rows)));
            }
        }
    }

    private static void clearLease(Connection connection, RefreshClaim claim) throws SQLException {
        try (PreparedStatement release = connection.prepareStatement(RefreshSql.RELEASE)) {
            JdbcRefreshStore.bindClaim(release, 1, claim);
            requireOneRow(release.executeUpdate());
        }
    }

    /** Stores the decided record as the next version of the current one (same identity and creation time). */
    private Credential store(Connection connection, RefreshClaim claim, Credential current, RefreshWrite write)
            throws SQLException {
        Credential stored = CredentialRows.asStored(write.credential(), current.credentialId(),
                current.connectionId(), current.createdAt(), current.version() + 1);
        byte[] payload = codec.seal(cryptographer, stored);
        try (PreparedStatement update = connection.prepareStatement(RefreshSql.STORE_REFRESHED)) {
            CredentialRows.bindRecord(update, stored, Cryptographer.termOf(payload), payload);
            int next = CredentialRows.RECORD_PARAMETERS + 1;
            update.setInt(next, write.failures());
            setInstant(update, next + 1, write.retryAfter());
            update.setString(next + 2, claim.credentialId());
            update.setLong(next + 3, claim.epoch());
            requireOneRow(update.executeUpdate());
        }
        return stored;
    }

    private static void requireOneRow(int updated) {
        if (updated != 1) {
            throw new StorageException("credential row changed while locked");
        }
    }
}
