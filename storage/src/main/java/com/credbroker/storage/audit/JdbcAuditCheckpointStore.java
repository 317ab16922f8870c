package com.credbroker.storage.audit;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Keeps the checkpoint of a trail in segment files in the database's single-row
 * {@code audit_checkpoint} table, sealed under the keyring. Thread-safe (one statement per call).
 */
public final class JdbcAuditCheckpointStore implements AuditCheckpointStore {
    private static final String WHERE = "the audit_checkpoint table";

    private final DataSource dataSource;
    private final Cryptographer cryptographer;

    public JdbcAuditCheckpointStore(DataSource dataSource, Cryptographer cryptographer) {
        this.dataSource = dataSource;
        this.cryptographer = cryptographer;
    }

    @Override
    public Optional<AuditCheckpoint> read() {
        byte[] sealed = Jdbc.inTransaction(dataSource, "audit checkpoint read", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT sealed FROM audit_checkpoint WHERE id = 1");
                 ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : null;
            }
        });
        return sealed == null ? Optional.empty() : Optional.of(SealedCheckpoint.open(cryptographer, sealed, WHERE));
    }

    @Override
    public void write(AuditCheckpoint checkpoint) {
        byte[] sealed = SealedCheckpoint.seal(cryptographer, checkpoint);
        Jdbc.inTransaction(dataSource, "audit checkpoint write", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE audit_checkpoint SET sealed = ? WHERE id = 1")) {
                update.setBytes(1, sealed);
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO audit_checkpoint (id, sealed) VALUES (1, ?)")) {
                insert.setBytes(1, sealed);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public String describe() {
        return WHERE;
    }
}
