package com.credbroker.storage.backup;

import com.credbroker.storage.crypto.ArchiveKey;
import com.credbroker.storage.crypto.PassphraseKdf;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes a logical backup: the rows of every table {@link BackupTables} names, as data (one JSON object per
 * row, binary columns in base64), read in one snapshot transaction (H2 {@code SNAPSHOT}, PostgreSQL
 * {@code REPEATABLE READ}, read-only), so the archive holds every transaction wholly or not at all while
 * writes continue. Sealed payloads stay sealed. The archive is authenticated with the {@link ArchiveKey}.
 * Works the same on H2 and PostgreSQL. Stateless and thread-safe. Plain JDBC on purpose: it copies whatever
 * columns each table has, read from the JDBC result set's metadata, with no row type to map to.
 */
public final class LogicalBackup {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH_SIZE = 500;
    /** H2's SNAPSHOT level: every read of the transaction sees the database as of its first read. */
    private static final int H2_SNAPSHOT = 6;

    private LogicalBackup() {
    }

    /**
     * Writes the archive {@code out} (which must not exist) from the database {@code connection} is open on.
     * The connection's transaction settings are put back as they were afterwards.
     *
     * @param kdf the passphrase KDF of the master key, when it comes from a passphrase (restore needs it)
     * @throws BackupRefusedException when the archive would exceed {@code limits}; {@code out} is then deleted
     */
    public static BackupManifest write(Connection connection, Path out, ArchiveKey key, Optional<PassphraseKdf> kdf,
            Clock clock, BackupLimits limits) throws IOException, SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        boolean readOnly = connection.isReadOnly();
        snapshot(connection);
        try (ArchiveWriter writer = ArchiveWriter.create(out, kdf, limits)) {
            List<BackupManifest.Table> dumped = new ArrayList<>();
            String schemaVersion = BackupTables.schemaVersion(connection);
            for (BackupTables.Table table : BackupTables.of(connection)) {
                long[] rows = {0};
                writer.entry("tables/" + table.key() + ".jsonl", body -> rows[0] = dump(connection, table, body));
                dumped.add(new BackupManifest.Table(table.key(), rows[0],
                        table.columns().stream().map(BackupTables.Column::key).collect(Collectors.toList())));
            }
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT_VERSION, schemaVersion,
                    clock.instant(), connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT),
                    dumped);
            writer.entry(BackupManifest.ENTRY, body -> body.write(manifest.toJson(JSON)));
            writer.finish(key);
            return manifest;
        } finally {
            connection.rollback();
            connection.setReadOnly(readOnly);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Through JDBC, not SQL, so that a pool knows the settings changed and resets them too. */
    private static void snapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        if (connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2")) {
            connection.setTransactionIsolation(H2_SNAPSHOT);
        } else {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
        }
    }

    private static long dump(Connection connection, BackupTables.Table table, OutputStream out) throws IOException {
        String columns = table.columns().stream().map(c -> BackupTables.quote(c.name()))
                .collect(Collectors.joining(", "));
        String order = table.primaryKey().isEmpty() ? ""
                : " ORDER BY " + table.primaryKey().stream().map(BackupTables::quote).collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH_SIZE);
            long rows = 0;
            try (ResultSet rs = statement.executeQuery("SELECT " + columns + " FROM " + BackupTables.quote(table.name())
                    + order)) {
                while (rs.next()) {
                    ObjectNode row = JSON.createObjectNode();
                    for (int i = 0; i < table.columns().size(); i++) {
                        ColumnCodec.read(rs, i + 1, table.columns().get(i), row);
                    }
                    out.write(JSON.writeValueAsBytes(row));
                    out.write('\n');
                    rows++;
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("reading " + table.key() + " failed", e));
        }
    }
}
