package com.credbroker.broker.audit;

import com.credbroker.broker.http.ApiException;
import com.credbroker.storage.audit.AuditEntry;
import com.credbroker.storage.audit.AuditLog;
import com.credbroker.storage.audit.AuditRecord;
import com.credbroker.storage.audit.AuditVerification;
import com.credbroker.storage.credential.Page;
import java.time.Clock;
import java.time.Duration;
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
            throw unavailable(action, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw unavailable(action, e);
        }
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

    private static ApiException unavailable(String action, Exception cause) {
        LOG.error("audit trail unavailable; refusing {}", action, cause);
        return new ApiException(503, "audit_unavailable", "the audit trail cannot be written; try again later",
                java.util.Map.of("Retry-After", "1"));
    }
}
