package com.credbroker.storage.crypto;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background keyring maintenance: every {@code interval} it records the encryption counts (which may
 * trigger a rotation) and moves rows sealed under older terms to the active term, batch by batch,
 * until none remain. Logs table names and counts only, never payloads. Thread-safe.
 */
public final class Rewrapper implements AutoCloseable {
    public static final int BATCH_SIZE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(Rewrapper.class);

    private final KeyringService keyring;
    private final List<RewrapTarget> targets;
    private final Duration interval;
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private ScheduledFuture<?> task;
    private volatile boolean closed;

    /** Runs on the given executor, which the caller owns and shuts down. */
    public Rewrapper(KeyringService keyring, List<RewrapTarget> targets, Duration interval,
                     ScheduledExecutorService executor) {
        this(keyring, targets, interval, executor, false);
    }

    /** Runs on its own single daemon thread, stopped by {@link #close()}. */
    public Rewrapper(KeyringService keyring, List<RewrapTarget> targets, Duration interval) {
        this(keyring, targets, interval, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "credbroker-rewrap");
            thread.setDaemon(true);
            return thread;
        }), true);
    }

    private Rewrapper(KeyringService keyring, List<RewrapTarget> targets, Duration interval,
                      ScheduledExecutorService executor, boolean ownsExecutor) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the rewrap interval must be positive");
        }
        this.keyring = keyring;
        this.targets = List.copyOf(targets);
        this.interval = interval;
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
    }

    public synchronized void start() {
        if (task != null || closed) {
            throw new IllegalStateException("the rewrapper is already started or closed");
        }
        long millis = interval.toMillis();
        task = executor.scheduleWithFixedDelay(this::runSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One maintenance pass: flush counts, then rewrap. Returns how many rows moved. */
    public int runOnce() {
        keyring.flushEncryptionCounts();
        return rewrapNow();
    }

    /** Moves every row below the active term (for tests and the CLI). Returns how many rows moved. */
    public int rewrapNow() {
        Cryptographer cryptographer = keyring.cryptographer();
        int total = 0;
        for (RewrapTarget target : targets) {
            int moved = rewrapTarget(target, cryptographer);
            if (moved > 0) {
                LOG.info("rewrapped {} row(s) of {} to key term {}; {} remain below it", moved, target.name(),
                        cryptographer.keyring().activeTerm(), target.countBelowTerm(cryptographer.keyring().activeTerm()));
            }
            total += moved;
        }
        return total;
    }

    private int rewrapTarget(RewrapTarget target, Cryptographer cryptographer) {
        int moved = 0;
        int batch;
        do {
            batch = target.rewrapBatch(cryptographer, BATCH_SIZE);
            moved += batch;
        } while (batch > 0 && !closed);
        return moved;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("keyring maintenance failed; retrying in {}", interval, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (task != null) {
            task.cancel(false);
        }
        if (ownsExecutor) {
            executor.shutdown();
        }
    }
}
