package com.credbroker.broker.audit;

import com.credbroker.broker.domain.AuditUnavailableException;
import com.credbroker.broker.http.ErrorMapper;
import com.credbroker.broker.http.RequestIds;
import com.credbroker.storage.audit.AuditEntry;
import com.credbroker.storage.audit.AuditLog;
import com.credbroker.storage.audit.AuditRecord;
import com.credbroker.storage.audit.AuditVerification;
import com.credbroker.storage.credential.Page;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends to the audit trail and waits until the record is durable. Fail-closed: when the record
 * cannot be written, the operation that needed it is refused ({@link AuditUnavailableException}). The
 * services that do the work record it here, with an {@link AuditAction} and the {@link Actor}. Refusals of unauthenticated
 * requests are aggregated per client and window ({@link RefusalAggregator}) so that a flood of bad
 * requests cannot fill the disk; every other record (each disclosure of a secret above all) is
 * written one by one. {@link #close} writes the aggregates still pending.
 */
public final class AuditService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);

    /**
     * Answers audited requests off the audit writer's thread, so that one thread never writes every
     * response. 4 per core measured best for 64 clients on 2 cores (docs/PERFORMANCE.md).
     */
    private final java.util.concurrent.Executor responders = new java.util.concurrent.ForkJoinPool(
            4 * Runtime.getRuntime().availableProcessors());

    private final AuditLog log;
    private final Clock clock;
    private final Duration timeout;
    private final RefusalAggregator refusals;
    private final ScheduledExecutorService flusher;

    /** Refusals aggregated per minute, up to 1,000 clients a window. */
    public AuditService(AuditLog log, Clock clock, Duration timeout) {
        this(log, clock, timeout, Duration.ofMinutes(1), 1_000);
    }

    /**
     * @param refusalWindow     how long refusals of one client and reason are counted into one record
     * @param refusalMaxClients distinct (client, action, outcome) groups a window keeps; the rest share one
     */
    public AuditService(AuditLog log, Clock clock, Duration timeout, Duration refusalWindow, int refusalMaxClients) {
        this.log = log;
        this.clock = clock;
        this.timeout = timeout;
        this.refusals = new RefusalAggregator(clock, refusalWindow, refusalMaxClients);
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "credbroker-audit-refusals");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(() -> appendAll(refusals.flushDue(), false), 1, 1, TimeUnit.SECONDS);
    }

    /** Records and waits; throws {@link AuditUnavailableException} when the trail cannot be written. */
    public void record(AuditAction action, Actor actor, String connectionId, String outcome) {
        record(action, actor, connectionId, null, outcome);
    }

    /** Like {@link #record(AuditAction, Actor, String, String)}, naming what was acted on ({@code key_…}, {@code ac_…}). */
    public void record(AuditAction action, Actor actor, String connectionId, String targetId, String outcome) {
        AuditEntry entry = entry(action, actor, connectionId, targetId, outcome);
        try {
            log.append(entry).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(action, actor.requestId(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw unavailable(action, actor.requestId(), e);
        }
    }

    /**
     * Records without blocking: the future completes when the record is durable, or fails with the
     * same {@link AuditUnavailableException} {@link #record} throws. The caller answers only after it
     * completes (fail-closed). No per-request timer (it would cost a scheduled task per lookup): the
     * audit log completes or fails every append it accepts, and fails the ones still queued when it closes.
     */
    public CompletableFuture<Void> recordAsync(AuditAction action, Actor actor, String connectionId, String outcome) {
        AuditEntry entry = entry(action, actor, connectionId, null, outcome);
        return log.append(entry).handleAsync((record, failure) -> {
                    if (failure != null) {
                        throw unavailable(action, actor.requestId(),
                                failure instanceof Exception e ? e : new RuntimeException(failure));
                    }
                    return null;
                }, responders);
    }

    /** Records a refusal or failure; it stands whether or not the record could be written. */
    public void recordRefusal(AuditAction action, Actor actor, String connectionId, String targetId, String outcome) {
        try {
            record(action, actor, connectionId, targetId, outcome);
        } catch (AuditUnavailableException e) {
            LOG.warn("audit record of a refused {} could not be written", action.wireName());
        }
    }

    /**
     * Runs an operation and, when it fails, records the failure (its error code as the outcome) before
     * rethrowing it; a success is for the caller to record, with what it learnt (e.g. the connection).
     */
    public <T> T audited(AuditAction action, Actor actor, String connectionId, String targetId,
            Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            recordRefusal(action, actor, connectionId, targetId, ErrorMapper.outcomeOf(e));
            throw e;
        }
    }

    private AuditEntry entry(AuditAction action, Actor actor, String connectionId, String targetId, String outcome) {
        return new AuditEntry(clock.instant(), actor.keyId(), action.wireName(), connectionId, outcome,
                actor.requestId(), null, targetId);
    }

    /**
     * Counts the refusal of an unauthenticated request (no key, bad key, throttled, a bogus callback
     * state) from {@code client} (its remote address); it is written as part of one record per client,
     * reason and window. The refusal stands whether or not that record can be written.
     */
    public void recordAggregatedRefusal(String client, AuditAction action, String connectionId, String outcome) {
        appendAll(refusals.refused(client, action.wireName(), connectionId, outcome), true);
    }

    /** Writes the aggregates of a window that has ended; waits for them when {@code wait}. */
    private void appendAll(List<AuditEntry> entries, boolean wait) {
        for (AuditEntry entry : entries) {
            CompletableFuture<AuditRecord> appended = log.append(entry);
            if (!wait) {
                appended.whenComplete((record, failure) -> {
                    if (failure != null) {
                        LOG.warn("audit record of {} refused requests could not be written", entry.refusals().count());
                    }
                });
                continue;
            }
            try {
                appended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("audit record of {} refused requests could not be written", entry.refusals().count());
            }
        }
    }

    /** Stops the periodic flush and writes every pending aggregate, ended window or not (shutdown). */
    @Override
    public void close() {
        flusher.shutdownNow();
        appendAll(refusals.flushAll(), true);
    }

    public Page<AuditRecord> list(String connectionId, int limit, String cursor) {
        return log.list(connectionId, limit, cursor);
    }

    public AuditVerification verify() {
        return log.verify();
    }

    private static AuditUnavailableException unavailable(AuditAction action, String requestId, Exception cause) {
        RequestIds.logged(requestId, () -> LOG.error("audit trail unavailable; refusing {}", action.wireName(), cause));
        return new AuditUnavailableException();
    }
}
