package com.credbroker.storage.audit;

import java.time.Instant;

/**
 * One audit record as submitted: who, what, when, outcome. Never a secret.
 *
 * @param keyId        the API key that acted ({@code key_…}), or null when unauthenticated
 * @param action       e.g. {@code credential.read}, {@code credential.write}, {@code key.create}
 * @param connectionId the connection concerned, or null
 * @param outcome      e.g. {@code success}, {@code denied}, {@code not_found}, {@code error}
 * @param requestId    the HTTP request ID, or null for background work
 */
public record AuditEntry(
        Instant at,
        String keyId,
        String action,
        String connectionId,
        String outcome,
        String requestId) {
}
