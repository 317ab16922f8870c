package com.credbroker.broker.cli;

import com.credbroker.broker.BrokerStorage;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.storage.audit.AuditEntry;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Audits an operator command like the API audits a request: who ({@code cli:<OS user>}, as the key ID),
 * what (the action, and the key acted on as its target, as the API records it), outcome ({@code success}, or {@code error}
 * when the operation failed). The record is durable before the command reports success; when it cannot
 * be written the command fails (fail-closed, as the API answers 503).
 */
final class OperatorAudit {
    private static final long TIMEOUT_SECONDS = 10;

    private OperatorAudit() {
    }

    /** The actor recorded for this process: {@code cli:} and the operating-system user (at most 64 characters). */
    static String actor() {
        String actor = "cli:" + System.getProperty("user.name", "unknown");
        return actor.length() <= 64 ? actor : actor.substring(0, 64);
    }

    /**
     * Runs the operation and records it; the record's target (e.g. the key acted on) may depend on the
     * result, and is {@code failedTarget} when the operation fails.
     */
    static <T> T audited(BrokerStorage storage, AuditAction action, String failedTarget, Callable<T> operation,
            java.util.function.Function<T, String> targetOf) throws Exception {
        T result;
        try {
            result = operation.call();
        } catch (Exception | Error e) {
            recordQuietly(storage, action.wireName(), failedTarget, "error");
            throw e;
        }
        record(storage, action.wireName(), targetOf.apply(result), "success");
        return result;
    }

    private static void record(BrokerStorage storage, String action, String target, String outcome)
            throws Exception {
        storage.auditLog().append(new AuditEntry(Clock.systemUTC().instant(), actor(), action, null, outcome, null,
                null, target)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void recordQuietly(BrokerStorage storage, String action, String target, String outcome) {
        try {
            record(storage, action, target, outcome);
        } catch (Exception e) {
            // the operation's own failure is what the operator must see
        }
    }
}
