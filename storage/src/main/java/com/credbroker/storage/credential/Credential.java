package com.credbroker.storage.credential;

import java.time.Instant;
import java.util.Objects;

/**
 * One connection's credential record. The plain fields are the ones needed to find and schedule a
 * connection; {@link #secrets()} is stored as one encrypted payload bound to {@link #credentialId()}.
 *
 * @param version row version, incremented by every write (0 for a record not yet stored)
 */
public record Credential(
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
        String statusReason,
        long version,
        CredentialSecrets secrets) {

    public Credential {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(authScheme, "authScheme");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        secrets = secrets == null ? CredentialSecrets.empty() : secrets;
    }

    public CredentialSummary summary() {
        return new CredentialSummary(credentialId, connectionId, status, appName, authScheme, entityId,
                authConfigId, disabled, expiresAt, createdAt, updatedAt, statusReason);
    }

    @Override
    public String toString() {
        return "Credential[" + credentialId + ", connection=" + connectionId + ", status=" + status
                + ", secrets=[REDACTED]]";
    }
}
