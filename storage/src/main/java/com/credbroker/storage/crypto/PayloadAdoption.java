package com.credbroker.storage.crypto;

import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time adoption of a sealed table's rows written before their payloads carried the binding of their
 * plain columns: in ID order, a batch at a time, each row's payload is re-sealed with its binding as the
 * row is stored now, without changing the row version (a row written meanwhile is skipped: its write bound
 * it). Only {@link RowAdoption} runs it, once, at the first start after the upgrade. Logs IDs and counts
 * only. Thread-safe.
 */
public final class PayloadAdoption {
    private static final Logger LOG = LoggerFactory.getLogger(PayloadAdoption.class);
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final String table;
    private final String idColumn;
    private final String columns;

    /** The payload of one row, re-sealed with its binding; empty when it is bound already. */
    @FunctionalInterface
    public interface Rebinder {
        Optional<byte[]> rebind(ResultSet row) throws SQLException;
    }

    /**
     * @param table    table name (a constant of the calling repository, never input)
     * @param idColumn its primary key column
     * @param columns  the columns the rebinder reads besides {@code idColumn, version, payload}
     */
    public PayloadAdoption(DataSource dataSource, String table, String idColumn, String columns) {
        this.dataSource = dataSource;
        this.table = table;
        this.idColumn = idColumn;
        this.columns = columns;
    }

    /** Re-seals every unbound row; a row whose payload does not open is logged by ID and left (refused). */
    public int adopt(Rebinder rebinder) {
        int adopted = 0;
        String after = "";
        List<Rebound> batch;
        do {
            batch = nextBatch(after, rebinder);
            for (Rebound row : batch) {
                after = row.id();
                adopted += row.payload() != null && store(row) ? 1 : 0;
            }
        } while (!batch.isEmpty());
        return adopted;
    }

    private List<Rebound> nextBatch(String after, Rebinder rebinder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + idColumn + ", version, " + columns
                     + ", payload FROM " + table + " WHERE " + idColumn + " > ? ORDER BY " + idColumn
                     + " FETCH FIRST " + BATCH + " ROWS ONLY")) {
            select.setString(1, after);
            List<Rebound> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String id = result.getString(idColumn);
                    rows.add(new Rebound(id, result.getLong("version"), rebound(rebinder, result, id)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StorageException(table + " adoption scan", e);
        }
    }

    private byte[] rebound(Rebinder rebinder, ResultSet row, String id) throws SQLException {
        try {
            return rebinder.rebind(row).orElse(null);
        } catch (DecryptionException | StorageException e) {
            LOG.warn("adoption skipped {} row {}: its payload does not open; it stays refused", table, id);
            return null;
        }
    }

    private boolean store(Rebound row) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET payload = ?,"
                     + " key_term = ? WHERE " + idColumn + " = ? AND version = ?")) {
            update.setBytes(1, row.payload());
            update.setInt(2, Cryptographer.termOf(row.payload()));
            update.setString(3, row.id());
            update.setLong(4, row.version());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException(table + " adoption", e);
        }
    }

    private record Rebound(String id, long version, byte[] payload) {
    }
}
