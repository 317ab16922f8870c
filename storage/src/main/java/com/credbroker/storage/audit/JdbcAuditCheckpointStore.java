package com.credbroker.storage.audit;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.Transactions;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Keeps the checkpoint of a trail in segment files in the database's single-row
 * {@code audit_checkpoint} table, sealed under the keyring, with Jdbi. Thread-safe (one statement per call).
 */
public final class JdbcAuditCheckpointStore implements AuditCheckpointStore {
    private static final String WHERE = "the audit_checkpoint table";

    private final Transactions transactions;
    private final Cryptographer cryptographer;

    public JdbcAuditCheckpointStore(DataSource dataSource, Cryptographer cryptographer) {
        this.transactions = Transactions.of(dataSource);
        this.cryptographer = cryptographer;
    }

    @Override
    public Optional<AuditCheckpoint> read() {
        Optional<byte[]> sealed = transactions.inTransaction("audit checkpoint read", handle -> handle.createQuery(
                "SELECT sealed FROM audit_checkpoint WHERE id = 1").mapTo(byte[].class).findFirst());
        return sealed.map(bytes -> SealedCheckpoint.open(cryptographer, bytes, WHERE));
    }

    @Override
    public void write(AuditCheckpoint checkpoint) {
        byte[] sealed = SealedCheckpoint.seal(cryptographer, checkpoint);
        transactions.inTransaction("audit checkpoint write", handle -> {
            if (handle.createUpdate("UPDATE audit_checkpoint SET sealed = :sealed WHERE id = 1")
                    .bind("sealed", sealed).execute() == 1) {
                return null;
            }
            handle.createUpdate("INSERT INTO audit_checkpoint (id, sealed) VALUES (1, :sealed)")
                    .bind("sealed", sealed).execute();
            return null;
        });
    }

    @Override
    public String describe() {
        return WHERE;
    }
}
