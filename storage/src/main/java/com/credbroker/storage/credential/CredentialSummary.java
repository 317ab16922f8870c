package com.credbroker.storage.credential;

import java.time.Instant;

/** A listing row: the plain columns only. It has no secret field at all. */
public record CredentialSummary(
        String credentialId,
        String connectionId,
        CredentialStatus status,
        String appName,
        AuthScheme authScheme,
        String entityId,
        String authConfigId,
        boolean disabled,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        String statusReason) {
}
