package com.credbroker.storage.credential;

import static com.credbroker.storage.db.Jdbc.getInstant;
import static com.credbroker.storage.db.Jdbc.setInstant;
import static com.credbroker.storage.db.Jdbc.stored;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Column lists and row mapping of the {@code credentials} table, shared by the JDBC stores of this
 * module that write it (this package's repository and the refresh store). Not for services: it binds
 * sealed payloads, never plaintext.
 *
 * <p>Every write of a record also writes {@code has_refresh_token} ({@link #hasRefreshToken}), so the
 * refresh scan can select candidates without opening payloads.
 */
public final class CredentialRows {
    public static final String PLAIN_COLUMNS = "credential_id, connection_id, status, app_name, auth_scheme,"
            + " entity_id, auth_config_id, is_disabled, expires_at, created_at, updated_at, status_reason, version";

    static final String INSERT = "INSERT INTO credentials (" + PLAIN_COLUMNS + ", key_term, payload,"
            + " has_refresh_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * The assignments that store a whole record and bump its version: bound by {@link #bindRecord}
     * ({@value #RECORD_PARAMETERS} parameters). Leaves failure count, retry-after, lease and epoch alone.
     */
    public static final String RECORD_ASSIGNMENTS = "status = ?, app_name = ?, auth_scheme = ?, entity_id = ?,"
            + " auth_config_id = ?, is_disabled = ?, expires_at = ?, updated_at = ?, status_reason = ?,"
            + " version = version + 1, key_term = ?, payload = ?, has_refresh_token = ?";

    public static final int RECORD_PARAMETERS = 12;

    /**
     * An admin write: a human changed the record, so earlier refresh failures and their backoff no
     * longer apply. The lease and its epoch are left alone: an in-flight refresh still owns them.
     */
    static final String UPDATE_IF_VERSION = "UPDATE credentials SET " + RECORD_ASSIGNMENTS
            + ", refresh_failures = 0, retry_after = NULL WHERE credential_id = ? AND version = ?";

    private static final String REFRESH_TOKEN = "refresh_token";

    private CredentialRows() {
    }

    /** True when the record can be refreshed by grant: OAUTH2 with a non-blank {@code refresh_token}. */
    public static boolean hasRefreshToken(AuthScheme scheme, CredentialSecrets secrets) {
        return scheme == AuthScheme.OAUTH2
                && secrets.credentials().get(REFRESH_TOKEN) instanceof String token && !token.isBlank();
    }

    static CredentialSummary summary(ResultSet rows) throws SQLException {
        return new CredentialSummary(
                rows.getString("credential_id"),
                rows.getString("connection_id"),
                CredentialStatus.valueOf(rows.getString("status")),
                rows.getString("app_name"),
                AuthScheme.valueOf(rows.getString("auth_scheme")),
                rows.getString("entity_id"),
                rows.getString("auth_config_id"),
                rows.getBoolean("is_disabled"),
                getInstant(rows, "expires_at"),
                getInstant(rows, "created_at"),
                getInstant(rows, "updated_at"),
                rows.getString("status_reason"));
    }

    /** The record in the current row of {@code rows} (selected with {@link #PLAIN_COLUMNS}), served as stored. */
    public static Credential credential(ResultSet rows, CredentialSecrets secrets) throws SQLException {
        CredentialSummary s = summary(rows);
        return Credential.builder().credentialId(s.credentialId()).connectionId(s.connectionId()).status(s.status())
                .appName(s.appName()).authScheme(s.authScheme()).entityId(s.entityId()).authConfigId(s.authConfigId())
                .disabled(s.disabled()).expiresAt(s.expiresAt()).createdAt(s.createdAt()).updatedAt(s.updatedAt())
                .statusReason(s.statusReason()).version(rows.getLong("version")).secrets(secrets).unchecked();
    }

    /**
     * The record as it will be stored: given identity, creation time and version, timestamps in micros.
     * Every write path (admin upsert and update, refresh completion) goes through here, so a record that
     * breaks a rule of {@link CredentialRules} is refused ({@link InvalidCredentialException}) before any SQL.
     */
    public static Credential asStored(Credential in, String credentialId, String connectionId, Instant createdAt,
            long version) {
        return in.toBuilder().credentialId(credentialId).connectionId(connectionId).expiresAt(stored(in.expiresAt()))
                .createdAt(stored(createdAt)).updatedAt(stored(in.updatedAt())).version(version).build();
    }

    static void bindInsert(PreparedStatement insert, Credential c, int keyTerm, byte[] payload) throws SQLException {
        insert.setString(1, c.credentialId());
        insert.setString(2, c.connectionId());
        insert.setString(3, c.status().name());
        insert.setString(4, c.appName());
        insert.setString(5, c.authScheme().name());
        insert.setString(6, c.entityId());
        insert.setString(7, c.authConfigId());
        insert.setBoolean(8, c.disabled());
        setInstant(insert, 9, c.expiresAt());
        setInstant(insert, 10, c.createdAt());
        setInstant(insert, 11, c.updatedAt());
        insert.setString(12, c.statusReason());
        insert.setLong(13, c.version());
        insert.setInt(14, keyTerm);
        insert.setBytes(15, payload);
        insert.setBoolean(16, hasRefreshToken(c.authScheme(), c.secrets()));
    }

    static void bindUpdate(PreparedStatement update, Credential c, int keyTerm, byte[] payload, long expectedVersion)
            throws SQLException {
        bindRecord(update, c, keyTerm, payload);
        update.setString(RECORD_PARAMETERS + 1, c.credentialId());
        update.setLong(RECORD_PARAMETERS + 2, expectedVersion);
    }

    /** Binds {@link #RECORD_ASSIGNMENTS} to parameters 1 to {@value #RECORD_PARAMETERS}. */
    public static void bindRecord(PreparedStatement update, Credential c, int keyTerm, byte[] payload)
            throws SQLException {
        update.setString(1, c.status().name());
        update.setString(2, c.appName());
        update.setString(3, c.authScheme().name());
        update.setString(4, c.entityId());
        update.setString(5, c.authConfigId());
        update.setBoolean(6, c.disabled());
        setInstant(update, 7, c.expiresAt());
        setInstant(update, 8, c.updatedAt());
        update.setString(9, c.statusReason());
        update.setInt(10, keyTerm);
        update.setBytes(11, payload);
        update.setBoolean(12, hasRefreshToken(c.authScheme(), c.secrets()));
    }
}
