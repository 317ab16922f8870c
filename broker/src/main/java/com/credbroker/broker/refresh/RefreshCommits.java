package com.credbroker.broker.refresh;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.credential.LookupCache;
import com.credbroker.refresh.engine.RefreshCommit;
import com.credbroker.refresh.engine.RefreshListener;
import com.credbroker.refresh.engine.RefreshOutcome;
import com.credbroker.refresh.engine.RefreshTrigger;
import com.credbroker.storage.audit.AuditEntry;
import com.credbroker.storage.audit.AuditLog;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker does when the refresh engine commits a write: the cached lookup response goes
 * (before any caller can be served the old tokens again), and a scheduled, read-time or test refresh is
 * appended to the audit trail as the broker's own action ({@code keyId} null, no request ID); a forced
 * refresh is recorded by the service that ran it, with the admin's key and request ID, so one forced
 * refresh is one record. The refresh is already committed, so an audit failure is logged, not propagated.
 *
 * <p>It is also where refreshes reach the operator's log: a failed refresh, and a status change, is one
 * line with connection ID, outcome, class and reason. The engine tells each committed outcome once, on
 * the node that committed it; an outcome that only repeats another refresher's ({@code shared}) is not
 * logged again.
 */
public final class RefreshCommits implements RefreshListener {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshCommits.class);
    /** Failures the engine retries by itself, with backoff; the others wait for an operator or a reconnect. */
    private static final Set<RefreshOutcome> TRANSIENT = EnumSet.of(RefreshOutcome.TRANSIENT,
            RefreshOutcome.RATE_LIMITED, RefreshOutcome.BAD_RESPONSE, RefreshOutcome.REJECTED);
    private static final Set<RefreshOutcome> PERMANENT = EnumSet.of(RefreshOutcome.INVALID_GRANT,
            RefreshOutcome.INVALID_CLIENT, RefreshOutcome.NOT_REFRESHABLE);

    private final LookupCache cache;
    private final AuditLog audit;
    private final Clock clock;

    public RefreshCommits(LookupCache cache, AuditLog audit, Clock clock) {
        this.cache = cache;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void committed(RefreshCommit commit) {
        committed(commit.connectionId(), commit.trigger(), commit.outcome());
        log(commit);
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

    /** One line per failed refresh or status change; a success that changes nothing says nothing. */
    static void log(RefreshCommit commit) {
        String failureClass = failureClass(commit.outcome());
        if (failureClass != null) {
            LOG.warn("refresh failed: {} {} {} {} {} {} {}", kv("connection_id", commit.connectionId()),
                    kv("outcome", commit.outcome().label()), kv("class", failureClass),
                    kv("trigger", commit.trigger().label()), kv("previous_status", commit.before()),
                    kv("status", commit.after()), kv("reason", printable(commit.reason())));
        } else if (commit.statusChanged() && commit.outcome() != RefreshOutcome.SHARED) {
            LOG.info("status changed: {} {} {} {} {} {}", kv("connection_id", commit.connectionId()),
                    kv("previous_status", commit.before()), kv("status", commit.after()),
                    kv("outcome", commit.outcome().label()), kv("trigger", commit.trigger().label()),
                    kv("reason", printable(commit.reason())));
        }
    }

    /** {@code transient} (retried with backoff), {@code permanent} (until someone acts), or null for no failure. */
    static String failureClass(RefreshOutcome outcome) {
        if (TRANSIENT.contains(outcome)) {
            return "transient";
        }
        return PERMANENT.contains(outcome) ? "permanent" : null;
    }

    /** A provider's text on one line: control characters would let it forge lines in the text format. */
    private static String printable(String reason) {
        return reason == null ? "-" : reason.replaceAll("\\p{Cntrl}", " ");
    }
}
