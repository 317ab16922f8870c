package com.credbroker.storage.crypto;

import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time adoption of rows that predate row authentication. Migration V8 cannot seal rows (SQL has no
 * key), so it records {@code row_authentication.adoption_pending = TRUE} when, and only when, rows existed at
 * the upgrade. At the first start after it, with the keyring open, this seals or binds those rows as they
 * are stored then and clears the flag; from then on a row without a seal or binding is refused. A database
 * created by V8, or restored into one, has nothing pending, so nothing is ever adopted there.
 *
 * <p>Several nodes starting together may both adopt: each row's update is guarded (an unsealed row, an
 * unchanged version), so the result is the same. Logs tables and counts only. Thread-safe.
 */
public final class RowAdoption {
    private static final Logger LOG = LoggerFactory.getLogger(RowAdoption.class);

    private final DataSource dataSource;
    private final Map<String, IntSupplier> adopters;

    /** @param adopters by table name: each seals its table's unsealed rows and returns how many it sealed */
    public RowAdoption(DataSource dataSource, Map<String, IntSupplier> adopters) {
        this.dataSource = dataSource;
        this.adopters = new LinkedHashMap<>(adopters);
    }

    /** Adopts the rows present at the upgrade, if that is still pending. Returns how many rows were adopted. */
    public int adoptIfPending() {
        if (!pending()) {
            return 0;
        }
        int total = 0;
        for (Map.Entry<String, IntSupplier> adopter : adopters.entrySet()) {
            int adopted = adopter.getValue().getAsInt();
            LOG.info("row authentication: adopted {} existing row(s) of {} as stored at this upgrade", adopted,
                    adopter.getKey());
            total += adopted;
        }
        finish();
        return total;
    }

    /** True while the rows present at the upgrade have not been adopted yet. */
    public boolean pending() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT adoption_pending FROM row_authentication WHERE id = 1");
             ResultSet rows = select.executeQuery()) {
            return rows.next() && rows.getBoolean(1);
        } catch (SQLException e) {
            throw new StorageException("row authentication state", e);
        }
    }

    private void finish() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE row_authentication SET adoption_pending = FALSE WHERE id = 1")) {
            update.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("row authentication adoption", e);
        }
    }
}
