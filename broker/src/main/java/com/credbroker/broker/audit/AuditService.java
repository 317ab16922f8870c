package com.credbroker.broker.audit;

import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.http.RequestIds;
import com.credbroker.storage.audit.AuditEntry;
import com.credbroker.storage.audit.AuditLog;
import com.credbroker.storage.audit.AuditRecord;
import com.credbroker.storage.audit.AuditVerification;
import com.credbroker.storage.credential.Page;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends to the audit trail and waits until the record is durable. Fail-closed: when the record
 * cannot be written, the operation that needed it is refused (503).
 */
public final class AuditService {
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

    public AuditService(AuditLog log, Clock clock, Duration timeout) {
        this.log = log;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Records and waits; throws 503 when the trail cannot be written. */
    public void record(String keyId, String action, String connectionId, String outcome, String requestId) {
        AuditEntry entry = new AuditEntry(clock.instant(), keyId, action, connectionId, outcome, requestId);
        try {
            log.append(entry).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(action, requestId, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw unavailable(action, requestId, e);
        }
    }

    /**
     * Records without blocking: the future completes when the record is durable, or fails with the
     * same 503 {@link #record} throws. The caller answers only after it completes (fail-closed). No
     * per-request timer (it would cost a scheduled task per lookup): the audit log completes or fails
     * every append it accepts, and fails the ones still queued when it closes.
     */
    public CompletableFuture<Void> recordAsync(String keyId, String action, String connectionId, String outcome,
            String requestId) {
        AuditEntry entry = new AuditEntry(clock.instant(), keyId, action, connectionId, outcome, requestId);
        return log.append(entry).handleAsync((record, failure) -> {
                    if (failure != null) {
                        throw unavailable(action, requestId, failure instanceof Exception e ? e : new RuntimeException(failure));
                    }
                    return null;
                }, responders);
    }

    /** Records a refusal; the refusal stands whether or not the record could be written. */
    public void recordRefusal(String keyId, String action, String connectionId, String outcome, String requestId) {
        try {
            record(keyId, action, connectionId, outcome, requestId);
        } catch (ApiException e) {
            LOG.warn("audit record of a refused {} could not be written", action);
        }
    }

    public Page<AuditRecord> list(String connectionId, int limit, String cursor) {
        return log.list(connectionId, limit, cursor);
    }

    public AuditVerification verify() {
        return log.verify();
    }

    private static ApiException unavailable(String action, String requestId, Exception cause) {
        RequestIds.logged(requestId, () -> LOG.error("audit trail unavailable; refusing {}", action, cause));
        return new ApiException(503, "audit_unavailable", "the audit trail cannot be written; try again later",
                java.util.Map.of("Retry-After", "1"));
    }
}
