package com.credbroker.storage.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Inserts the rows of a {@link VerifiedArchive} into a database the broker's own migrations have just built.
 * No SQL text comes from the archive: tables and columns are those of the target's schema (the archive may
 * only name a subset of them), values are bound as parameters by the target column's type. The caller owns
 * the transaction, and must hand in a database that held nothing before the migrations ran: rows found in a
 * table the archive holds were seeded by a migration (a one-row state table) and are replaced by the
 * archive's, so the restored database holds exactly the source's rows. An archive from a newer schema, naming
 * an unknown table or column, or with rows that do not match its manifest, is refused.
 */
public final class LogicalRestore {
    private static final int BATCH = 500;

    private LogicalRestore() {
    }

    /** Inserts every row; returns the rows inserted per table. */
    public static Map<String, Long> insertInto(Connection target, VerifiedArchive archive) throws Exception {
        BackupManifest manifest = archive.manifest();
        if (manifest.formatVersion() != BackupManifest.FORMAT_VERSION) {
            throw new BackupRefusedException("the archive's format version " + manifest.formatVersion()
                    + " is not one this broker reads");
        }
        String targetVersion = BackupTables.schemaVersion(target);
        if (version(manifest.schemaVersion()).isNewerThan(targetVersion)) {
            throw new BackupRefusedException("the archive was made by a newer broker (schema "
                    + manifest.schemaVersion() + ", this broker's is " + targetVersion + ")");
        }
        Map<String, BackupManifest.Table> dumped = new LinkedHashMap<>();
        manifest.tables().forEach(t -> dumped.put(t.name(), t));
        Map<String, Long> inserted = new LinkedHashMap<>();
        List<BackupTables.Table> tables = BackupTables.of(target);
        for (BackupTables.Table table : tables) {
            BackupManifest.Table dump = dumped.remove(table.key());
            if (dump != null) {
                inserted.put(table.key(), insert(target, table, dump, archive));
            }
        }
        if (!dumped.isEmpty()) {
            throw new BackupRefusedException("the archive holds tables this broker does not have: "
                    + String.join(", ", dumped.keySet()));
        }
        return inserted;
    }

    private static MigrationVersion version(String text) {
        try {
            return MigrationVersion.fromVersion(text);
        } catch (RuntimeException e) {
            throw new BackupRefusedException("the archive's manifest is malformed");
        }
    }

    private static long insert(Connection target, BackupTables.Table table, BackupManifest.Table dump,
            VerifiedArchive archive) throws Exception {
        deleteSeededRows(target, table);
        List<BackupTables.Column> columns = new ArrayList<>();
        for (String key : dump.columns()) {
            BackupTables.Column column = table.column(key);
            if (column == null) {
                throw new BackupRefusedException("the archive holds column " + key + " of " + table.key()
                        + ", which this broker does not have");
            }
            columns.add(column);
        }
        String sql = "INSERT INTO " + BackupTables.quote(table.name()) + " ("
                + columns.stream().map(c -> BackupTables.quote(c.name())).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        long rows;
        try (PreparedStatement statement = target.prepareStatement(sql)) {
            long[] pending = {0};
            rows = archive.forEachRow(dump, row -> {
                if (row.size() != columns.size()) {
                    throw new BackupRefusedException("a row of " + table.key() + " does not match the manifest");
                }
                for (int i = 0; i < columns.size(); i++) {
                    JsonNode value = row.get(columns.get(i).key());
                    if (value == null) {
                        throw new BackupRefusedException("a row of " + table.key() + " does not match the manifest");
                    }
                    ColumnCodec.bind(statement, i + 1, columns.get(i), value);
                }
                statement.addBatch();
                if (++pending[0] % BATCH == 0) {
                    statement.executeBatch();
                }
            });
            statement.executeBatch();
        }
        if (rows != dump.rows()) {
            throw new BackupRefusedException("the archive holds " + rows + " rows of " + table.key()
                    + " where its manifest says " + dump.rows());
        }
        return rows;
    }

    private static void deleteSeededRows(Connection target, BackupTables.Table table) throws SQLException {
        try (Statement statement = target.createStatement()) {
            statement.executeUpdate("DELETE FROM " + BackupTables.quote(table.name()));
        }
    }
}
