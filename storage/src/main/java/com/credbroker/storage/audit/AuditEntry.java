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
 */
public record AuditEntry(
        Instant at,
        String keyId,
        String action,
        String connectionId,
        String outcome,
        String requestId,
        RefusalCount refusals) {

    /** A record of one event. */
    public AuditEntry(Instant at, String keyId, String action, String connectionId, String outcome,
            String requestId) {
        this(at, keyId, action, connectionId, outcome, requestId, null);
    }
}
