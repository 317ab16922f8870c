package com.credbroker.refresh.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claimed refreshes with bounded concurrency: at most {@code maxInFlight} at once, and at most
 * {@code maxPerGroup} per auth config, so one slow provider cannot take every slot. Work beyond the caps
 * waits in a queue per auth config; a finished refresh starts the next, going round the auth configs.
 * Nothing blocks while waiting for a slot. Thread-safe.
 */
final class RefreshDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshDispatcher.class);

    private final int maxInFlight;
    private final int maxPerGroup;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    /** Claimed work: run it, or (at shutdown, before it started) give its claim back. */
    interface Task extends Runnable {
        void cancel();
    }

    private final Map<String, ArrayDeque<Task>> pending = new LinkedHashMap<>();
    private final Map<String, Integer> running = new HashMap<>();
    private int inFlight;
    private int queued;
    private final Set<Task> delayed = Collections.newSetFromMap(new IdentityHashMap<>());

    RefreshDispatcher(int maxInFlight, int maxPerGroup) {
        this.maxInFlight = maxInFlight;
        this.maxPerGroup = maxPerGroup;
        this.workers = Executors.newFixedThreadPool(maxInFlight, daemons("credbroker-refresh-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemons("credbroker-refresh-jitter-"));
    }

    /** Queues {@code task} under {@code group}, after {@code delay} (zero: now). */
    void submit(String group, Duration delay, Task task) {
        if (delay.isZero()) {
            enqueue(group, task);
            return;
        }
        synchronized (this) {
            delayed.add(task);
        }
        try {
            timer.schedule(() -> {
                if (undelay(task)) {
                    enqueue(group, task);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            if (undelay(task)) {
                task.cancel();
            }
        }
    }

    private synchronized boolean undelay(Task task) {
        return delayed.remove(task);
    }

    private synchronized void enqueue(String group, Task task) {
        pending.computeIfAbsent(group, g -> new ArrayDeque<>()).add(task);
        queued++;
        pump();
    }

    /** Starts queued work while slots are free (caller holds the lock). */
    private void pump() {
        Iterator<Map.Entry<String, ArrayDeque<Task>>> groups = pending.entrySet().iterator();
        while (inFlight < maxInFlight && groups.hasNext()) {
            Map.Entry<String, ArrayDeque<Task>> group = groups.next();
            while (inFlight < maxInFlight && running.getOrDefault(group.getKey(), 0) < maxPerGroup
                    && !group.getValue().isEmpty()) {
                start(group.getKey(), group.getValue().poll());
            }
            if (group.getValue().isEmpty()) {
                groups.remove();
            }
        }
    }

    private void start(String group, Task task) {
        inFlight++;
        queued--;
        running.merge(group, 1, Integer::sum);
        try {
            workers.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("a scheduled refresh failed: {}", e.getClass().getSimpleName());
                } finally {
                    finished(group);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight--;
            running.merge(group, -1, (a, b) -> a + b == 0 ? null : a + b);
            cancelQuietly(task);
        }
    }

    private synchronized void finished(String group) {
        inFlight--;
        running.merge(group, -1, (a, b) -> a + b == 0 ? null : a + b);
        pump();
        notifyAll();
    }

    /** Claimed work not yet finished: delayed, queued and in flight. */
    synchronized int backlog() {
        return delayed.size() + queued + inFlight;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int queued() {
        return queued + delayed.size();
    }

    /** Waits until the backlog is below {@code limit}; false on timeout or interrupt. */
    synchronized boolean awaitBacklogBelow(int limit, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (backlog() >= limit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops taking work and lets in-flight refreshes finish (up to {@code grace}). */
    void shutdown(Duration grace) {
        List<Task> dropped = new ArrayList<>();
        timer.shutdownNow();
        synchronized (this) {
            dropped.addAll(delayed);
            delayed.clear();
            pending.values().forEach(dropped::addAll);
            queued = 0;
            pending.clear();
        }
        dropped.forEach(RefreshDispatcher::cancelQuietly);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("refreshes still in flight after {}; their leases will lapse", grace);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }

    private static void cancelQuietly(Task task) {
        try {
            task.cancel();
        } catch (RuntimeException e) {
            LOG.debug("a queued refresh could not give its claim back; its lease lapses");
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
