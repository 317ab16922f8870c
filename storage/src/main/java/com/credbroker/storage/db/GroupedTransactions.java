package com.credbroker.storage.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Group commit for short units of work from many threads (the refresh engine's in-flight markers and
 * completions): a caller's unit is queued, and whichever caller finds no batch running becomes the
 * leader, runs everything queued in <em>one</em> transaction and commits it; the others wait and get
 * their own unit's result. So N concurrent callers pay for about one commit instead of N, and there is
 * no thread of its own to start or stop.
 *
 * <p>Each unit must be a few statements on rows its caller owns (no waiting on anything slow), and safe
 * to run again after a rollback. When the batch transaction fails, it is rolled back and every unit of
 * it is run once more in a transaction of its own, so one bad unit fails only its caller. A caller
 * returns only once its unit has committed (or failed). Thread-safe.
 *
 * <p>Plain JDBC on purpose, and never part of a caller's {@link Transactions} transaction: the leader runs
 * other threads' units on its own connection, which a per-thread handle cannot express, and a unit that
 * waited for a caller's transaction would hold the whole batch.
 */
public final class GroupedTransactions {
    private static final int MAX_BATCH = 256;
    private static final int FULL_BATCH = 32;
    private static final long LINGER_NANOS = 1_000_000;

    private final DataSource dataSource;
    private final String operation;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchDone = lock.newCondition();
    private final Condition arrived = lock.newCondition();
    private int lastBatch;
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    private boolean leading;

    public GroupedTransactions(DataSource dataSource, String operation) {
        this.dataSource = dataSource;
        this.operation = operation;
    }

    /**
     * Runs {@code work} in a transaction shared with other callers' units and returns its result once
     * committed. Waits uninterruptibly (the unit may already be committing).
     *
     * @throws StorageException when the unit fails on its own
     */
    public <T> T run(Jdbc.Work<T> work) {
        Pending<T> pending = new Pending<>(work);
        lock.lock();
        try {
            queue.add(pending);
            if (queue.size() >= FULL_BATCH) {
                arrived.signal();
            }
            while (!pending.done) {
                if (leading) {
                    batchDone.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
        } finally {
            lock.unlock();
        }
        return pending.result();
    }

    /** Units waiting for a batch (for tests). */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the queue and runs it outside the lock; called with the lock held. */
    private void lead() {
        leading = true;
        lingerUnderLoad();
        List<Pending<?>> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(queue.poll());
        }
        lock.unlock();
        try {
            execute(batch);
        } finally {
            lock.lock();
            batch.forEach(p -> p.done = true);
            lastBatch = batch.size();
            leading = false;
            batchDone.signalAll();
        }
    }

    /**
     * When the last batch was shared (others are writing too), waits a moment for more units before
     * committing: on a busy host the callers arrive a few at a time, and each commit costs the same.
     */
    private void lingerUnderLoad() {
        if (lastBatch > 1 && queue.size() < FULL_BATCH) {
            try {
                arrived.awaitNanos(LINGER_NANOS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void execute(List<Pending<?>> batch) {
        try {
            Jdbc.inTransaction(dataSource, operation, connection -> {
                for (Pending<?> pending : batch) {
                    pending.runIn(connection);
                }
                return null;
            });
        } catch (RuntimeException batchFailure) {
            for (Pending<?> pending : batch) {
                pending.runAlone(dataSource, operation);
            }
        }
    }

    /** One caller's unit and, once run, its result or failure. */
    private static final class Pending<T> {
        private final Jdbc.Work<T> work;
        private T value;
        private RuntimeException failure;
        private boolean done; // guarded by the lock

        Pending(Jdbc.Work<T> work) {
            this.work = work;
        }

        void runIn(Connection connection) throws SQLException {
            value = work.run(connection);
        }

        void runAlone(DataSource dataSource, String operation) {
            try {
                value = Jdbc.inTransaction(dataSource, operation, work);
                failure = null;
            } catch (RuntimeException e) {
                value = null;
                failure = e;
            }
        }

        T result() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
