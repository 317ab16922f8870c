package com.credbroker.broker.audit;

import com.credbroker.refresh.engine.RefreshTrigger;

/**
 * Every action the audit trail records, in one place. A name is only a name: the connection goes in the
 * record's {@code connection_id}, an API key or auth config acted on in its {@code target_id}.
 */
public enum AuditAction {
    CREDENTIAL_READ("credential.read"),
    CREDENTIAL_LIST("credential.list"),
    /** A create-or-update refused before it was known which of the two it was. */
    CREDENTIAL_WRITE("credential.write"),
    CREDENTIAL_CREATE("credential.create"),
    CREDENTIAL_UPDATE("credential.update"),
    CREDENTIAL_DELETE("credential.delete"),
    CREDENTIAL_REVOKE("credential.revoke"),
    CREDENTIAL_DISABLE("credential.disable"),
    CREDENTIAL_ENABLE("credential.enable"),
    CREDENTIAL_HEALTH("credential.health"),
    CREDENTIAL_TEST("credential.test"),
    REFRESH_SCHEDULED("credential.refresh.scheduled"),
    REFRESH_READ("credential.refresh.read"),
    REFRESH_FORCED("credential.refresh.forced"),
    REFRESH_TEST("credential.refresh.test"),
    CONNECTION_INITIATE("connection.initiate"),
    CONNECTION_CALLBACK("connection.callback"),
    CONNECTION_TIMEOUT("connection.timeout"),
    /** A connection re-authorized in place: started, then completed or refused (e.g. {@code account_mismatch}). */
    CONNECTION_RECONNECT("connection.reconnect"),
    AUTH_CONFIG_CREATE("auth_config.create"),
    AUTH_CONFIG_LIST("auth_config.list"),
    AUTH_CONFIG_READ("auth_config.read"),
    AUTH_CONFIG_UPDATE("auth_config.update"),
    AUTH_CONFIG_DELETE("auth_config.delete"),
    KEY_CREATE("key.create"),
    KEY_LIST("key.list"),
    KEY_READ("key.read"),
    KEY_REVOKE("key.revoke"),
    AUDIT_READ("audit.read"),
    AUDIT_VERIFY("audit.verify"),
    AUDIT_ACCEPT_TRUNCATION("audit.accept_truncation"),
    KEYRING_READ("keyring.read"),
    KEYRING_ROTATE("keyring.rotate"),
    KEYRING_ROTATE_MASTER_KEY("keyring.rotate_master_key"),
    /** Refusals of the provider catalogue's reads (the reads themselves are not recorded). */
    PROVIDER_LIST("provider.list"),
    PROVIDER_READ("provider.read"),
    BACKUP_CREATE("backup.create"),
    BACKUP_RESTORE("backup.restore"),
    /** Refusals of more clients than a window keeps, counted in one record. */
    REFUSAL_OVERFLOW("refusal.overflow");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored in the trail, e.g. {@code credential.read}. */
    public String wireName() {
        return wireName;
    }

    /** The refresh action of a trigger ({@code credential.refresh.<trigger>}). */
    public static AuditAction refresh(RefreshTrigger trigger) {
        return switch (trigger) {
            case SCHEDULED -> REFRESH_SCHEDULED;
            case READ -> REFRESH_READ;
            case FORCED -> REFRESH_FORCED;
            case TEST -> REFRESH_TEST;
        };
    }
}
