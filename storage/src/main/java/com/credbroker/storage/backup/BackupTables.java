package com.credbroker.storage.backup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables a backup holds, read from the JDBC metadata of the connection's current schema (so a column or
 * table a later migration adds is carried without code here): every table the broker's migrations create
 * except Flyway's history (a restore migrates the target itself), the audit trail (see the README) and
 * Quartz's tables (the scheduler recreates its job). Parents come before the tables that reference them.
 */
final class BackupTables {
    /** A column: its name as the database spells it, its lower-case key in archives, and its type. */
    record Column(String name, String key, int type, String typeName) {
    }

    /** A table: names as in {@link Column}, its columns in order, its primary key columns. */
    record Table(String name, String key, List<Column> columns, List<String> primaryKey) {
        Column column(String key) {
            return columns.stream().filter(c -> c.key().equals(key)).findFirst().orElse(null);
        }
    }

    private BackupTables() {
    }

    static boolean excluded(String key) {
        return key.equals("flyway_schema_history") || key.startsWith("audit") || key.startsWith("qrtz_");
    }

    /** The tables of the current schema a backup holds, parents first. */
    static List<Table> of(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = escape(meta, connection.getSchema());
        Map<String, String> names = new TreeMap<>();
        try (ResultSet tables = meta.getTables(connection.getCatalog(), schema, "%", null)) {
            while (tables.next()) {
                String type = tables.getString("TABLE_TYPE");
                String name = tables.getString("TABLE_NAME");
                String key = name.toLowerCase(Locale.ROOT);
                if (("TABLE".equals(type) || "BASE TABLE".equals(type)) && !excluded(key)) {
                    if (!BackupManifest.validName(key) || names.put(key, name) != null) {
                        throw new BackupRefusedException("the database holds a table a backup cannot name");
                    }
                }
            }
        }
        Map<String, Set<String>> parents = new TreeMap<>();
        for (Map.Entry<String, String> table : names.entrySet()) {
            parents.put(table.getKey(), parents(connection, schema, table.getValue(), names.keySet()));
        }
        List<Table> ordered = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        while (done.size() < names.size()) {
            int before = done.size();
            for (Map.Entry<String, Set<String>> table : parents.entrySet()) {
                if (!done.contains(table.getKey()) && done.containsAll(table.getValue())) {
                    done.add(table.getKey());
                    ordered.add(describe(connection, schema, names.get(table.getKey())));
                }
            }
            if (done.size() == before) {
                throw new IllegalStateException("the broker's tables reference each other in a cycle");
            }
        }
        return ordered;
    }

    private static Set<String> parents(Connection connection, String schema, String table, Set<String> included)
            throws SQLException {
        Set<String> parents = new TreeSet<>();
        try (ResultSet keys = connection.getMetaData().getImportedKeys(connection.getCatalog(),
                connection.getSchema(), table)) {
            while (keys.next()) {
                String parent = keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                if (included.contains(parent) && !parent.equals(table.toLowerCase(Locale.ROOT))) {
                    parents.add(parent);
                }
            }
        }
        return parents;
    }

    private static Table describe(Connection connection, String schema, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(connection.getCatalog(), schema, escape(meta, table), "%")) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                String key = name.toLowerCase(Locale.ROOT);
                if (!BackupManifest.validName(key)) {
                    throw new BackupRefusedException("the database holds a column a backup cannot name");
                }
                columns.add(new Column(name, key, rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")));
            }
        }
        Map<Integer, String> primaryKey = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(connection.getCatalog(), connection.getSchema(), table)) {
            while (rs.next()) {
                primaryKey.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return new Table(table, table.toLowerCase(Locale.ROOT), columns, List.copyOf(primaryKey.values()));
    }

    private static String escape(DatabaseMetaData meta, String pattern) throws SQLException {
        String escape = meta.getSearchStringEscape();
        return pattern.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The Flyway version the database is migrated to. */
    static String schemaVersion(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + quote("version") + " FROM "
                     + quote("flyway_schema_history") + " WHERE " + quote("success") + " AND " + quote("version")
                     + " IS NOT NULL ORDER BY " + quote("installed_rank") + " DESC")) {
            if (!rs.next()) {
                throw new IllegalStateException("the database has not been migrated");
            }
            return rs.getString(1);
        }
    }
}
