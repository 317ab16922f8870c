package com.credbroker.storage.authconfig;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves {@code auth_configs} payloads sealed under an older key term to the active term, in ID order,
 * without parsing them and without changing the row version (a row written meanwhile is skipped, not
 * overwritten). A payload that does not open is logged by ID and skipped. Thread-safe.
 */
final class AuthConfigRewrap {
    private static final Logger LOG = LoggerFactory.getLogger(AuthConfigRewrap.class);

    private final DataSource dataSource;

    AuthConfigRewrap(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    int batch(Cryptographer target, int limit) {
        int activeTerm = target.keyring().activeTerm();
        int moved = 0;
        String after = "";
        while (moved < limit) {
            List<SealedRow> candidates = sealedBelow(activeTerm, after, limit - moved);
            if (candidates.isEmpty()) {
                break;
            }
            for (SealedRow row : candidates) {
                after = row.authConfigId();
                moved += rewrap(target, row) ? 1 : 0;
            }
        }
        return moved;
    }

    long countBelowTerm(int activeTerm) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT COUNT(*) FROM auth_configs WHERE key_term < ?")) {
            count.setInt(1, activeTerm);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("auth config rewrap count", e);
        }
    }

    private List<SealedRow> sealedBelow(int activeTerm, String after, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT auth_config_id, version, payload"
                     + " FROM auth_configs WHERE key_term < ? AND auth_config_id > ?"
                     + " ORDER BY auth_config_id FETCH FIRST ? ROWS ONLY")) {
            select.setInt(1, activeTerm);
            select.setString(2, after);
            select.setInt(3, limit);
            List<SealedRow> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new SealedRow(result.getString(1), result.getLong(2), result.getBytes(3)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StorageException("auth config rewrap scan", e);
        }
    }

    private boolean rewrap(Cryptographer target, SealedRow row) {
        byte[] payload;
        try {
            payload = ClientSecretCodec.reseal(target, row.payload(), row.authConfigId());
        } catch (DecryptionException e) {
            LOG.warn("rewrap skipped auth config {}: its payload does not open", row.authConfigId());
            return false;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE auth_configs SET payload = ?,"
                     + " key_term = ? WHERE auth_config_id = ? AND version = ?")) {
            update.setBytes(1, payload);
            update.setInt(2, Cryptographer.termOf(payload));
            update.setString(3, row.authConfigId());
            update.setLong(4, row.version());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("auth config rewrap", e);
        }
    }

    private record SealedRow(String authConfigId, long version, byte[] payload) {
    }
}
