package com.credbroker.storage.refresh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Direct SQL for refresh store tests: auth config rows (their repository is not this module's concern
 * here), bookkeeping columns set by hand, and raw column reads. Never swallows a failure.
 */
final class RefreshTestData {
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    private final DataSource dataSource;

    RefreshTestData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An auth config row; {@code blockedReason} non-null blocks refreshes of its connections. */
    void insertAuthConfig(String authConfigId, String blockedReason) throws SQLException {
        execute("INSERT INTO auth_configs (auth_config_id, app_name, token_endpoint, client_id,"
                + " client_auth_method, scopes, refresh_blocked_reason, created_at, updated_at, version, key_term,"
                + " payload) VALUES (?, 'github', 'https://github.com/login/oauth/access_token', 'client-1',"
                + " 'client_secret_basic', 'repo', ?, ?, ?, 1, 1, ?)",
                authConfigId, blockedReason, CREATED, CREATED, new byte[] {1, 2, 3});
    }

    /** Runs an update with parameters (instants as UTC timestamps); returns the row count. */
    int execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i] instanceof Instant instant
                        ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : parameters[i];
                statement.setObject(i + 1, value);
            }
            return statement.executeUpdate();
        }
    }

    /** Sets refresh bookkeeping columns of one row, e.g. {@code "refresh_failures = 2"}. */
    void set(String credentialId, String assignments, Object... parameters) throws SQLException {
        Object[] all = new Object[parameters.length + 1];
        System.arraycopy(parameters, 0, all, 0, parameters.length);
        all[parameters.length] = credentialId;
        if (execute("UPDATE credentials SET " + assignments + " WHERE credential_id = ?", all) != 1) {
            throw new IllegalStateException("no such credential row");
        }
    }

    /** One column of one row, as JDBC returns it (null for SQL NULL). */
    Object column(String credentialId, String column) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + column + " FROM credentials WHERE credential_id = ?")) {
            select.setString(1, credentialId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no such credential row");
                }
                return rows.getObject(1);
            }
        }
    }

    Boolean hasRefreshToken(String credentialId) throws SQLException {
        return (Boolean) column(credentialId, "has_refresh_token");
    }

    /** Replaces a row's payload with another row's (which then fails to open: wrong AAD). */
    void movePayload(String fromCredentialId, String toCredentialId) throws SQLException {
        execute("UPDATE credentials SET payload = (SELECT payload FROM credentials WHERE credential_id = ?)"
                + " WHERE credential_id = ?", fromCredentialId, toCredentialId);
    }
}
