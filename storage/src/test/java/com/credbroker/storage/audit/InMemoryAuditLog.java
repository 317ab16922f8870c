package com.credbroker.storage.audit;

import com.credbroker.storage.db.StorageException;
import com.credbroker.storage.credential.Page;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link AuditLog} in a list, for fast tests of the layers above storage; passes {@code AuditLogContract}
 * (run by {@code InMemoryAuditLogContractTest}). It chains records with the stores' own hash chain and
 * refuses what they refuse (an invalid entry fails alone, a closed log fails every append), but an append is
 * complete when it returns: there is no group commit. Thread-safe (one lock). Lives beside the stores
 * because the chain and the entry rules are package-private.
 */
public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditRecord> records = new ArrayList<>();
    private final AuditChain chain = new AuditChain();
    private boolean closed;

    @Override
    public synchronized CompletableFuture<AuditRecord> append(AuditEntry entry) {
        Optional<String> invalid = AuditRows.invalid(entry);
        if (invalid.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(invalid.get()));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new StorageException("audit log is closed"));
        }
        AuditEntry stored = new AuditEntry(entry.at().truncatedTo(ChronoUnit.MICROS), entry.keyId(), entry.action(),
                entry.connectionId(), entry.outcome(), entry.requestId(), entry.refusals(), entry.targetId());
        long seq = records.size() + 1L;
        String prev = records.isEmpty() ? AuditChain.GENESIS : records.get(records.size() - 1).hash();
        AuditRecord record = new AuditRecord(seq, stored, prev, chain.hash(prev, seq, stored));
        records.add(record);
        return CompletableFuture.completedFuture(record);
    }

    @Override
    public synchronized Page<AuditRecord> list(String connectionId, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        long before = cursor == null || cursor.isEmpty() ? Long.MAX_VALUE : AuditRows.decodeCursor(cursor);
        List<AuditRecord> page = new ArrayList<>();
        for (int i = records.size() - 1; i >= 0 && page.size() <= limit; i--) {
            AuditRecord record = records.get(i);
            if (record.seq() < before && (connectionId == null || connectionId.equals(record.entry().connectionId()))) {
                page.add(record);
            }
        }
        if (page.size() <= limit) {
            return new Page<>(page, null);
        }
        List<AuditRecord> items = page.subList(0, limit);
        return new Page<>(items, AuditRows.encodeCursor(items.get(limit - 1).seq()));
    }

    @Override
    public synchronized AuditVerification verify() {
        AuditChain check = new AuditChain();
        String prev = AuditChain.GENESIS;
        for (AuditRecord record : records) {
            if (!record.prevHash().equals(prev) || !record.hash().equals(check.hash(prev, record.seq(), record.entry()))) {
                return new AuditVerification(false, record.seq() - 1, record.seq());
            }
            prev = record.hash();
        }
        return new AuditVerification(true, records.size(), null);
    }

    @Override
    public synchronized ChainBounds bounds() {
        if (records.isEmpty()) {
            return ChainBounds.EMPTY;
        }
        AuditRecord first = records.get(0);
        AuditRecord last = records.get(records.size() - 1);
        return new ChainBounds(first.seq(), first.prevHash(), last.seq(), last.hash());
    }

    /** Every record, oldest first (a test's view of the trail). */
    public synchronized List<AuditRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
