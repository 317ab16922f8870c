package com.credbroker.storage.audit;

import com.credbroker.storage.credential.Page;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditLog} whose head is checkpointed where the trail is not ({@link AuditCheckpointer}), so a
 * trail cut at the end, emptied, or pruned further than retention did, is noticed: at open the trail's
 * bounds are compared with the stored checkpoint ({@link #shortened()}), and {@link #verify()} adds the
 * comparison (and that the record the checkpoint names still has its hash) to the chain check. Records
 * deleted by retention are not missing: the checkpoint's anchor moves before they are deleted. A trail
 * without any checkpoint (first start after an upgrade) gets one at its current head, with a WARN.
 * Thread-safe.
 */
public final class CheckpointedAuditLog implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointedAuditLog.class);

    private final AuditLog delegate;
    private final AuditCheckpointer checkpointer;
    private volatile Optional<String> shortened;

    public CheckpointedAuditLog(AuditLog delegate, AuditCheckpointer checkpointer) {
        this.delegate = delegate;
        this.checkpointer = checkpointer;
        ChainBounds bounds = delegate.bounds();
        if (checkpointer.loaded().isEmpty()) {
            if (!bounds.isEmpty()) {
                LOG.warn("no audit checkpoint in {}: starting one at record {}; a cut made before now cannot be"
                        + " detected", checkpointer.describeStore(), bounds.lastSeq());
            }
            checkpointer.reset(bounds);
            this.shortened = Optional.empty();
        } else {
            this.shortened = compare(bounds, checkpointer.loaded().get());
        }
    }

    /** What the trail was missing when it was opened, in words; empty when it matched its checkpoint. */
    public Optional<String> shortened() {
        return shortened;
    }

    /**
     * The operator accepts the trail as it is: the checkpoint is set to its current bounds and the
     * acceptance is appended to the trail (by {@code actor}), with the number of records given up.
     */
    public AuditRecord acceptShortened(AuditEntry acceptance) {
        checkpointer.reset(delegate.bounds());
        shortened = Optional.empty();
        return append(acceptance).join();
    }

    /** How many records the checkpoint names beyond the trail's end (0 when none are missing there). */
    public long missingAtEnd() {
        return Math.max(0, checkpointer.current().seq() - delegate.bounds().lastSeq());
    }

    @Override
    public CompletableFuture<AuditRecord> append(AuditEntry entry) {
        return delegate.append(entry).thenApply(record -> {
            checkpointer.advance(record);
            return record;
        });
    }

    @Override
    public Page<AuditRecord> list(String connectionId, int limit, String cursor) {
        return delegate.list(connectionId, limit, cursor);
    }

    @Override
    public ChainBounds bounds() {
        return delegate.bounds();
    }

    @Override
    public AuditVerification verify() {
        AuditVerification chain = delegate.verify();
        if (!chain.intact()) {
            return chain;
        }
        AuditCheckpoint checkpoint = checkpointer.current();
        ChainBounds bounds = delegate.bounds();
        Optional<String> problem = compare(bounds, checkpoint).or(() -> pinned(bounds, checkpoint));
        return problem.map(p -> new AuditVerification(false, chain.recordsChecked(), null, p)).orElse(chain);
    }

    /** The record the checkpoint names must still carry its hash, even when more records follow it. */
    private Optional<String> pinned(ChainBounds bounds, AuditCheckpoint checkpoint) {
        if (checkpoint.seq() == 0 || checkpoint.seq() >= bounds.lastSeq() || checkpoint.seq() < bounds.firstSeq()) {
            return Optional.empty();
        }
        List<AuditRecord> at = delegate.list(null, 1, AuditRows.encodeCursor(checkpoint.seq() + 1)).items();
        if (!at.isEmpty() && at.get(0).seq() == checkpoint.seq() && at.get(0).hash().equals(checkpoint.hash())) {
            return Optional.empty();
        }
        return Optional.of(String.format("record %d is not the one the checkpoint names: the trail was rewritten"
                + " from there on", checkpoint.seq()));
    }

    /** What the trail's bounds lack against the checkpoint, in words. */
    static Optional<String> compare(ChainBounds trail, AuditCheckpoint checkpoint) {
        if (trail.lastSeq() < checkpoint.seq()) {
            long missing = checkpoint.seq() - trail.lastSeq();
            return Optional.of(trail.isEmpty()
                    ? String.format("the trail is empty but the checkpoint says %d: %d records missing",
                            checkpoint.seq(), missing)
                    : String.format("trail ends at record %d but the checkpoint says %d: %d records missing",
                            trail.lastSeq(), checkpoint.seq(), missing));
        }
        if (trail.lastSeq() == checkpoint.seq() && !trail.lastHash().equals(checkpoint.hash())) {
            return Optional.of(String.format("record %d is not the one the checkpoint names: the end of the trail"
                    + " was rewritten", trail.lastSeq()));
        }
        if (!trail.isEmpty() && trail.firstSeq() - 1 > checkpoint.baseSeq()) {
            return Optional.of(String.format("trail starts at record %d but retention deleted only up to record %d:"
                    + " %d records missing at the start", trail.firstSeq(), checkpoint.baseSeq(),
                    trail.firstSeq() - 1 - checkpoint.baseSeq()));
        }
        if (!trail.isEmpty() && trail.firstSeq() - 1 == checkpoint.baseSeq()
                && !trail.firstPrevHash().equals(checkpoint.baseHash())) {
            return Optional.of(String.format("record %d does not follow the last record retention deleted: the start"
                    + " of the trail was replaced", trail.firstSeq()));
        }
        return Optional.empty();
    }

    /** Closes the trail, then writes the final checkpoint (exact after a clean shutdown). */
    @Override
    public void close() {
        delegate.close();
        checkpointer.close();
    }
}
