package com.credbroker.storage.credential;

import java.time.Instant;
import java.util.Objects;

/**
 * One connection's credential record. The plain fields are the ones needed to find and schedule a
 * connection; {@link #secrets()} is stored as one encrypted payload bound to {@link #credentialId()}.
 *
 * <p>Build and change records with {@link #builder()} and {@link #toBuilder()} (or the withers, which use
 * it): {@link Builder#build()} checks the domain rules of {@link CredentialRules}, so every write made from
 * a built record (admin, connect flow, refresh) obeys them. The canonical constructor only checks nullness;
 * it is for rows read back from storage, which are served as they are.
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

    /** An empty builder: every field unset (secrets empty, version 0, not disabled). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's fields, to change some and {@link Builder#build()} the next record. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This record switched on or off, changed at {@code now}. */
    public Credential withDisabled(boolean value, Instant now) {
        return toBuilder().disabled(value).updatedAt(now).build();
    }

    /** This record with another status and reason, changed at {@code now}. */
    public Credential withStatus(CredentialStatus value, String reason, Instant now) {
        return toBuilder().status(value).statusReason(reason).updatedAt(now).build();
    }

    /** This record with other secrets (the same time stamps). */
    public Credential withSecrets(CredentialSecrets value) {
        return toBuilder().secrets(value).build();
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

    /**
     * Builds a {@link Credential}; {@link #build()} refuses a record that breaks a rule of
     * {@link CredentialRules} with an {@link InvalidCredentialException}. Not thread-safe; use one per record.
     */
    public static final class Builder {
        private String credentialId;
        private String connectionId;
        private CredentialStatus status;
        private String appName;
        private AuthScheme authScheme;
        private String entityId;
        private String authConfigId;
        private boolean disabled;
        private Instant expiresAt;
        private Instant createdAt;
        private Instant updatedAt;
        private String statusReason;
        private long version;
        private CredentialSecrets secrets;

        private Builder() {
        }

        private Builder(Credential c) {
            credentialId = c.credentialId;
            connectionId = c.connectionId;
            status = c.status;
            appName = c.appName;
            authScheme = c.authScheme;
            entityId = c.entityId;
            authConfigId = c.authConfigId;
            disabled = c.disabled;
            expiresAt = c.expiresAt;
            createdAt = c.createdAt;
            updatedAt = c.updatedAt;
            statusReason = c.statusReason;
            version = c.version;
            secrets = c.secrets;
        }

        public Builder credentialId(String value) { credentialId = value; return this; }
        public Builder connectionId(String value) { connectionId = value; return this; }
        public Builder status(CredentialStatus value) { status = value; return this; }
        public Builder appName(String value) { appName = value; return this; }
        public Builder authScheme(AuthScheme value) { authScheme = value; return this; }
        public Builder entityId(String value) { entityId = value; return this; }
        public Builder authConfigId(String value) { authConfigId = value; return this; }
        public Builder disabled(boolean value) { disabled = value; return this; }
        public Builder expiresAt(Instant value) { expiresAt = value; return this; }
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        /** Sets created-at and updated-at, as a new record has them. */
        public Builder createdAndUpdatedAt(Instant value) { createdAt = value; updatedAt = value; return this; }
        public Builder statusReason(String value) { statusReason = value; return this; }
        public Builder version(long value) { version = value; return this; }
        public Builder secrets(CredentialSecrets value) { secrets = value; return this; }

        /** The record; {@link InvalidCredentialException} when it breaks a rule of {@link CredentialRules}. */
        public Credential build() {
            return CredentialRules.check(unchecked());
        }

        /**
         * The record without the domain rules: for rows as storage holds them (a stored row is served as it
         * is) and for tests that need a rule-breaking record on purpose. Never for a write.
         */
        public Credential unchecked() {
            return new Credential(credentialId, connectionId, status, appName, authScheme, entityId, authConfigId,
                    disabled, expiresAt, createdAt, updatedAt, statusReason, version, secrets);
        }
    }
}
