package com.credbroker.storage.audit;

import com.credbroker.storage.credential.Page;
import java.util.concurrent.CompletableFuture;

/**
 * The append-only, hash-chained audit trail. Appends are group-committed: many concurrent appends
 * share one database transaction. The returned future completes when the record is durable and
 * fails when it could not be written (callers fail closed).
 */
public interface AuditLog extends AutoCloseable {

    CompletableFuture<AuditRecord> append(AuditEntry entry);

    /** Newest first; {@code connectionId} null lists all. */
    Page<AuditRecord> list(String connectionId, int limit, String cursor);

    AuditVerification verify();

    /** Where the trail starts and ends, read without recomputing the chain. */
    ChainBounds bounds();

    @Override
    void close();
}
