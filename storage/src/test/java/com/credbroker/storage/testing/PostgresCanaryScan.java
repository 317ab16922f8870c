package com.credbroker.storage.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The PostgreSQL counterpart of {@link CanaryScan}: looks for a canary in every column of every table of
 * the connection's current schema (a test's own schema), as text in text columns and as UTF-8 bytes in
 * {@code bytea} columns. The database's files are not the test's to read, so this looks through SQL.
 */
public final class PostgresCanaryScan {
    private PostgresCanaryScan() {
    }

    /** Each hit as {@code table.column}; empty when the canary is in no column. */
    public static List<String> find(DataSource dataSource, String canary) throws SQLException {
        List<String> hits = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String[] column : columns(connection)) {
                if (contains(connection, column[0], column[1], "bytea".equals(column[2]), canary)) {
                    hits.add(column[0] + "." + column[1]);
                }
            }
        }
        return hits;
    }

    private static List<String[]> columns(Connection connection) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT table_name, column_name, data_type"
                + " FROM information_schema.columns WHERE table_schema = current_schema()");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
            }
        }
        return columns;
    }

    private static boolean contains(Connection connection, String table, String column, boolean bytes,
            String canary) throws SQLException {
        String match = bytes ? "position(? IN \"" + column + "\") > 0" : "strpos(\"" + column + "\"::text, ?) > 0";
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM \"" + table + "\" WHERE " + match + " LIMIT 1")) {
            if (bytes) {
                select.setBytes(1, canary.getBytes(StandardCharsets.UTF_8));
            } else {
                select.setString(1, canary);
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }
}
