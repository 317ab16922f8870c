package com.credbroker.storage.audit;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link AuditCheckpoint} up to date while the trail grows: {@link #advance} (called for every
 * durable record, on the audit writer's thread) only notes the newest head; a background thread writes
 * the newest noted head, so the audit writer never waits for the checkpoint and many records share one
 * write (at most one every {@value #MIN_INTERVAL_MILLIS} ms). {@link #close} writes the final head
 * synchronously, so after a clean shutdown the checkpoint is exact. Bound after a crash: the checkpoint
 * may miss the records acknowledged in the last {@value #MIN_INTERVAL_MILLIS} ms plus one checkpoint
 * write; a cut deeper than that is detected.
 * {@link #anchor} (retention) writes synchronously before segments are deleted. The head never moves
 * backwards except through {@link #reset} (an operator accepting a shortened trail). Thread-safe.
 */
public final class AuditCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointer.class);
    /** At most this many background writes a second: the checkpoint must not compete with lookups. */
    static final long MIN_INTERVAL_MILLIS = 100;

    private final AuditCheckpointStore store;
    private final Optional<AuditCheckpoint> loaded;
    private final Object lock = new Object();
    private final Object writeLock = new Object();
    private AuditCheckpoint written; // guarded by lock
    private AuditCheckpoint noted; // guarded by lock
    private boolean closed; // guarded by lock
    private boolean writerIdle; // guarded by lock: the writer waits for a new head
    private final Thread writer;

    /**
     * Reads the stored checkpoint (see {@link #loaded()}).
     *
     * @throws CheckpointInvalidException when one is stored but does not authenticate
     */
    public AuditCheckpointer(AuditCheckpointStore store) {
        this.store = store;
        this.loaded = store.read();
        this.written = loaded.orElse(AuditCheckpoint.EMPTY);
        this.noted = written;
        this.writer = new Thread(this::writeLoop, "credbroker-audit-checkpoint");
        writer.setDaemon(true);
        writer.start();
    }

    /** The checkpoint found at start, before this instance wrote anything; empty when none was stored. */
    public Optional<AuditCheckpoint> loaded() {
        return loaded;
    }

    /** The store, for messages. */
    public String describeStore() {
        return store.describe();
    }

    /** Notes a durable record; cheap. A record at or below the noted head changes nothing. */
    void advance(AuditRecord record) {
        synchronized (lock) {
            if (record.seq() > noted.seq()) {
                noted = noted.withHead(record.seq(), record.hash());
                if (writerIdle) {
                    lock.notifyAll();
                }
            }
        }
    }

    /** Retention is about to delete records up to {@code seq}: writes the new anchor first (synchronously). */
    void anchor(long seq, String hash) {
        synchronized (lock) {
            if (seq <= noted.baseSeq()) {
                return;
            }
            noted = noted.withBase(seq, hash);
        }
        flush();
    }

    /** Makes the checkpoint describe the trail exactly as it is now (the operator accepted a shortened trail). */
    void reset(ChainBounds bounds) {
        synchronized (lock) {
            noted = new AuditCheckpoint(bounds.lastSeq(), bounds.lastHash(), Math.max(0, bounds.firstSeq() - 1),
                    bounds.firstSeq() <= 1 ? AuditChain.GENESIS : bounds.firstPrevHash());
        }
        flush();
    }

    /** Writes the newest noted checkpoint if it is not stored yet. Writes are serialized, so never go backwards. */
    private void flush() {
        synchronized (writeLock) {
            AuditCheckpoint next;
            synchronized (lock) {
                next = noted;
                if (next.equals(written)) {
                    return;
                }
            }
            store.write(next);
            synchronized (lock) {
                written = next;
            }
        }
    }

    /** The checkpoint as last noted (what the next write, or {@link #close}, stores). */
    AuditCheckpoint current() {
        synchronized (lock) {
            return noted;
        }
    }

    private void writeLoop() {
        while (true) {
            synchronized (lock) {
                writerIdle = true;
                while (!closed && noted.equals(written)) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                writerIdle = false;
                if (closed) {
                    return;
                }
            }
            try {
                flush();
                pause(MIN_INTERVAL_MILLIS); // many records share the next write
            } catch (RuntimeException e) {
                LOG.warn("audit checkpoint could not be written; retrying");
                pause(1_000); // do not spin on a store that is down
            }
        }
    }

    /** Waits up to {@code millis}, or until closed. */
    private void pause(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (lock) {
            for (long left = millis; !closed && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                try {
                    lock.wait(left);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the background writer and writes the final head (exact after a clean shutdown). */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
        }
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
