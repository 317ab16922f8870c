package com.credbroker.storage.credential;

import static com.credbroker.storage.db.Jdbc.getInstant;
import static com.credbroker.storage.db.Jdbc.setInstant;
import static com.credbroker.storage.db.Jdbc.stored;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Column lists and row mapping of the {@code credentials} table. */
final class CredentialRows {
    static final String PLAIN_COLUMNS = "credential_id, connection_id, status, app_name, auth_scheme, entity_id,"
            + " auth_config_id, is_disabled, expires_at, created_at, updated_at, status_reason, version";

    static final String INSERT = "INSERT INTO credentials (" + PLAIN_COLUMNS + ", key_term, payload)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String UPDATE_IF_VERSION = "UPDATE credentials SET status = ?, app_name = ?, auth_scheme = ?,"
            + " entity_id = ?, auth_config_id = ?, is_disabled = ?, expires_at = ?, updated_at = ?,"
            + " status_reason = ?, version = version + 1, key_term = ?, payload = ?"
            + " WHERE credential_id = ? AND version = ?";

    private CredentialRows() {
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

    static Credential credential(ResultSet rows, CredentialSecrets secrets) throws SQLException {
        CredentialSummary s = summary(rows);
        return new Credential(s.credentialId(), s.connectionId(), s.status(), s.appName(), s.authScheme(),
                s.entityId(), s.authConfigId(), s.disabled(), s.expiresAt(), s.createdAt(), s.updatedAt(),
                s.statusReason(), rows.getLong("version"), secrets);
    }

    /** The record as it will be stored: given identity, creation time and version, timestamps in micros. */
    static Credential asStored(Credential in, String credentialId, String connectionId, Instant createdAt,
            long version) {
        return new Credential(credentialId, connectionId, in.status(), in.appName(), in.authScheme(),
                in.entityId(), in.authConfigId(), in.disabled(), stored(in.expiresAt()), stored(createdAt),
                stored(in.updatedAt()), in.statusReason(), version, in.secrets());
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
    }

    static void bindUpdate(PreparedStatement update, Credential c, int keyTerm, byte[] payload, long expectedVersion)
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
        update.setString(12, c.credentialId());
        update.setLong(13, expectedVersion);
    }
}
