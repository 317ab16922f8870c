package com.credbroker.storage.audit;

import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The group commit both audit stores share: {@link #append} only validates and enqueues; one writer
 * thread takes everything queued (up to a batch bound), hands the batch to the store's
 * {@link BatchWriter} (one transaction, or one file write), then completes every future of the
 * batch, or fails them all when the write fails (callers fail closed). A full queue or a closed log
 * fails the future at once. Futures complete on the writer thread: attach only cheap stages.
 */
final class GroupCommit {
    static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    static final int DEFAULT_MAX_BATCH = 2_048;
    private static final Pending STOP = new Pending(null, null);

    /** Writes a batch durably and in order; returns one record per entry. */
    interface BatchWriter {
        List<AuditRecord> write(List<AuditEntry> batch) throws Exception;

        /** Called on the writer thread after the last batch. */
        default void stopped() {
        }
    }

    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final BatchWriter batchWriter;
    private final Thread writer;
    private volatile boolean closed;

    GroupCommit(String threadName, int queueCapacity, int maxBatch, BatchWriter batchWriter) {
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.maxBatch = maxBatch;
        this.batchWriter = batchWriter;
        this.writer = new Thread(this::writeLoop, threadName);
        writer.setDaemon(true);
        writer.start();
    }

    CompletableFuture<AuditRecord> append(AuditEntry entry) {
        Optional<String> invalid = AuditRows.invalid(entry);
        if (invalid.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(invalid.get()));
        }
        Pending pending = new Pending(stored(entry), new CompletableFuture<>());
        if (closed || !queue.offer(pending)) {
            return CompletableFuture.failedFuture(new StorageException(closed ? "audit log is closed" : "audit queue is full"));
        }
        // close() may have run between the check and the offer; if nobody took the entry, fail it here.
        if (closed && !writer.isAlive() && queue.remove(pending)) {
            pending.future().completeExceptionally(new StorageException("audit log is closed"));
        }
        return pending.future();
    }

    /** Timestamps are kept (and hashed) to the microsecond, as every store can hold them. */
    private static AuditEntry stored(AuditEntry e) {
        RefusalCount r = e.refusals();
        return new AuditEntry(Jdbc.stored(e.at()), e.keyId(), e.action(), e.connectionId(), e.outcome(), e.requestId(),
                r == null ? null : new RefusalCount(r.client(), r.count(), Jdbc.stored(r.first()), Jdbc.stored(r.last())),
                e.targetId());
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        try {
            while (!stopping) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                queue.drainTo(batch, maxBatch - 1);
                stopping = batch.remove(STOP);
                if (stopping) {
                    queue.drainTo(batch); // appends that raced with close(): still written
                }
                write(batch);
                batch.clear();
            }
        } finally {
            batchWriter.stopped();
        }
    }

    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<AuditRecord> records;
        try {
            records = batchWriter.write(batch.stream().map(Pending::entry).toList());
        } catch (Exception e) {
            StorageException failure = new StorageException("audit records could not be written");
            failure.initCause(e);
            batch.forEach(pending -> pending.future().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).future().complete(records.get(i));
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Stops accepting appends, writes everything already queued, and stops the writer thread. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            if (left != STOP) {
                left.future().completeExceptionally(new StorageException("audit log is closed"));
            }
        }
    }

    private record Pending(AuditEntry entry, CompletableFuture<AuditRecord> future) {
    }
}
