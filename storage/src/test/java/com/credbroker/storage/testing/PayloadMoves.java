package com.credbroker.storage.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Copies one row's sealed payload over another's, as an attacker with write access to the table could: the
 * payload is bound to its row, so the victim must no longer open while the donor still does.
 */
public final class PayloadMoves {
    private PayloadMoves() {
    }

    /** Puts the payload of row {@code donorId} into row {@code victimId}; the number of rows changed. */
    public static int move(DataSource dataSource, String table, String idColumn, String donorId, String victimId)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement move = connection.prepareStatement("UPDATE " + table + " SET payload = (SELECT payload"
                     + " FROM " + table + " WHERE " + idColumn + " = ?) WHERE " + idColumn + " = ?")) {
            move.setString(1, donorId);
            move.setString(2, victimId);
            return move.executeUpdate();
        }
    }
}
