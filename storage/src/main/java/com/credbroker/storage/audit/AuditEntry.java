package com.credbroker.storage.audit;

import java.time.Instant;

/**
 * One audit record as submitted: who, what, when, outcome. Never a secret.
 *
 * @param keyId        the API key that acted ({@code key_…}), {@code cli:<os user>} for an operator
 *                     command, or null when unauthenticated
 * @param action       e.g. {@code credential.read}, {@code credential.write}, {@code key.create}
 * @param connectionId the connection concerned, or null
 * @param outcome      e.g. {@code success}, {@code denied}, {@code not_found}, {@code error}
 * @param requestId    the HTTP request ID, or null for background work
 * @param refusals     for a record that stands for several refused requests, their client, count and
 *                     time span; null for a record of one event
 * @param targetId     what the action acted on when that is not a connection: an API key ({@code key_…}) or
 *                     an auth config ({@code ac_…}); null otherwise. Actions are names only, the ID is here
 */
public record AuditEntry(
        Instant at,
        String keyId,
        String action,
        String connectionId,
        String outcome,
        String requestId,
        RefusalCount refusals,
        String targetId) {

    /** A record of one event. */
    public AuditEntry(Instant at, String keyId, String action, String connectionId, String outcome,
            String requestId) {
        this(at, keyId, action, connectionId, outcome, requestId, null, null);
    }

    /** A record without a target (an aggregated refusal when {@code refusals} is set). */
    public AuditEntry(Instant at, String keyId, String action, String connectionId, String outcome,
            String requestId, RefusalCount refusals) {
        this(at, keyId, action, connectionId, outcome, requestId, refusals, null);
    }

    /** This record with {@code targetId} as the object acted on. */
    public AuditEntry withTarget(String target) {
        return new AuditEntry(at, keyId, action, connectionId, outcome, requestId, refusals, target);
    }
}
