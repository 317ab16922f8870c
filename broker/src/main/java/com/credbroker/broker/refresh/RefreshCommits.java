package com.credbroker.broker.refresh;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.credential.LookupCache;
import com.credbroker.refresh.engine.RefreshListener;
import com.credbroker.refresh.engine.RefreshOutcome;
import com.credbroker.refresh.engine.RefreshTrigger;
import com.credbroker.storage.audit.AuditEntry;
import com.credbroker.storage.audit.AuditLog;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker does when the refresh engine commits a write: the cached lookup response goes
 * (before any caller can be served the old tokens again), and a scheduled, read-time or test refresh is
 * appended to the audit trail as the broker's own action ({@code keyId} null, no request ID); a forced
 * refresh is recorded by the service that ran it, with the admin's key and request ID, so one forced
 * refresh is one record. The refresh is already committed, so an audit failure is logged, not propagated.
 */
public final class RefreshCommits implements RefreshListener {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshCommits.class);

    private final LookupCache cache;
    private final AuditLog audit;
    private final Clock clock;

    public RefreshCommits(LookupCache cache, AuditLog audit, Clock clock) {
        this.cache = cache;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void committed(String connectionId, RefreshTrigger trigger, RefreshOutcome outcome) {
        cache.invalidate(connectionId);
        if (trigger == RefreshTrigger.FORCED) {
            return; // the admin's request records it, once, with its key and request ID
        }
        AuditEntry entry = new AuditEntry(clock.instant(), null, AuditAction.refresh(trigger).wireName(),
                connectionId, outcome.label(), null);
        try {
            audit.append(entry).whenComplete((record, failure) -> {
                if (failure != null) {
                    LOG.error("audit record of a committed refresh could not be written");
                }
            });
        } catch (RuntimeException e) {
            LOG.error("audit record of a committed refresh could not be written");
        }
    }
}
