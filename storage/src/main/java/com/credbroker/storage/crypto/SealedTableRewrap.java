package com.credbroker.storage.crypto;

import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a sealed table's payloads sealed under an older key term to the active term, in ID order,
 * without parsing them and without changing the row version (a row written meanwhile is skipped, not
 * overwritten). A payload that does not open is logged by ID and skipped. The table needs the columns
 * {@code <id>, version, key_term, payload}. Thread-safe.
 */
public final class SealedTableRewrap {
    private static final Logger LOG = LoggerFactory.getLogger(SealedTableRewrap.class);

    private final DataSource dataSource;
    private final String table;
    private final String idColumn;
    private final UnaryOperator<String> aad;

    /**
     * @param table     table name (a constant of the calling repository, never input)
     * @param idColumn  its primary key column
     * @param aad       the AAD a row's payload is sealed with, from its ID
     */
    public SealedTableRewrap(DataSource dataSource, String table, String idColumn, UnaryOperator<String> aad) {
        this.dataSource = dataSource;
        this.table = table;
        this.idColumn = idColumn;
        this.aad = aad;
    }

    public int batch(Cryptographer target, int limit) {
        int activeTerm = target.keyring().activeTerm();
        int moved = 0;
        String after = "";
        while (moved < limit) {
            List<SealedRow> candidates = sealedBelow(activeTerm, after, limit - moved);
            if (candidates.isEmpty()) {
                break;
            }
            for (SealedRow row : candidates) {
                after = row.id();
                moved += rewrap(target, row) ? 1 : 0;
            }
        }
        return moved;
    }

    public long countBelowTerm(int activeTerm) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT COUNT(*) FROM " + table + " WHERE key_term < ?")) {
            count.setInt(1, activeTerm);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException(table + " rewrap count", e);
        }
    }

    private List<SealedRow> sealedBelow(int activeTerm, String after, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + idColumn + ", version, payload"
                     + " FROM " + table + " WHERE key_term < ? AND " + idColumn + " > ?"
                     + " ORDER BY " + idColumn + " FETCH FIRST ? ROWS ONLY")) {
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
            throw new StorageException(table + " rewrap scan", e);
        }
    }

    private boolean rewrap(Cryptographer target, SealedRow row) {
        byte[] payload;
        try {
            payload = reseal(target, row.payload(), aad.apply(row.id()));
        } catch (DecryptionException e) {
            LOG.warn("rewrap skipped {} row {}: its payload does not open", table, row.id());
            return false;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET payload = ?,"
                     + " key_term = ? WHERE " + idColumn + " = ? AND version = ?")) {
            update.setBytes(1, payload);
            update.setInt(2, Cryptographer.termOf(payload));
            update.setString(3, row.id());
            update.setLong(4, row.version());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException(table + " rewrap", e);
        }
    }

    /** Re-seals a payload under the cryptographer's active term, without parsing it. */
    private static byte[] reseal(Cryptographer cryptographer, byte[] payload, String aad) {
        byte[] plaintext = cryptographer.open(payload, aad);
        try {
            return cryptographer.seal(plaintext, aad);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private record SealedRow(String id, long version, byte[] payload) {
    }
}
