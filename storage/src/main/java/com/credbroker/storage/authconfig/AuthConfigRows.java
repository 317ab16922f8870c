package com.credbroker.storage.authconfig;

import static com.credbroker.storage.db.Jdbc.getInstant;
import static com.credbroker.storage.db.Jdbc.setInstant;
import static com.credbroker.storage.db.Jdbc.stored;

import com.credbroker.storage.db.StorageException;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Column lists, row mapping, scope encoding of the {@code auth_configs} table. */
final class AuthConfigRows {
    static final String PLAIN_COLUMNS = "auth_config_id, app_name, token_endpoint, authorization_endpoint,"
            + " revocation_endpoint, client_id, client_auth_method, scopes, refresh_blocked_reason, created_at,"
            + " updated_at, version";

    static final String SELECT = "SELECT " + PLAIN_COLUMNS + ", payload FROM auth_configs";

    static final String INSERT = "INSERT INTO auth_configs (" + PLAIN_COLUMNS + ", key_term, payload)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Every content change clears the refresh block: the operator has changed the client. */
    static final String UPDATE_IF_VERSION = "UPDATE auth_configs SET app_name = ?, token_endpoint = ?,"
            + " authorization_endpoint = ?, revocation_endpoint = ?, client_id = ?, client_auth_method = ?,"
            + " scopes = ?, refresh_blocked_reason = NULL, updated_at = ?, version = version + 1, key_term = ?,"
            + " payload = ? WHERE auth_config_id = ? AND version = ?";

    private AuthConfigRows() {
    }

    static AuthConfig read(ResultSet rows, String clientSecret) throws SQLException {
        String method = rows.getString("client_auth_method");
        return new AuthConfig(
                rows.getString("auth_config_id"),
                rows.getString("app_name"),
                URI.create(rows.getString("token_endpoint")),
                uri(rows.getString("authorization_endpoint")),
                uri(rows.getString("revocation_endpoint")),
                rows.getString("client_id"),
                clientSecret,
                ClientAuthMethod.fromWire(method)
                        .orElseThrow(() -> new StorageException("unknown client auth method stored")),
                splitScopes(rows.getString("scopes")),
                rows.getString("refresh_blocked_reason"),
                getInstant(rows, "created_at"),
                getInstant(rows, "updated_at"),
                rows.getLong("version"));
    }

    /** The record as it will be stored: given creation time, version and block, timestamps in micros. */
    static AuthConfig asStored(AuthConfig in, Instant createdAt, String refreshBlockedReason,
            long version) {
        return new AuthConfig(in.authConfigId(), in.appName(), in.tokenEndpoint(), in.authorizationEndpoint(),
                in.revocationEndpoint(), in.clientId(), in.clientSecret(), in.clientAuthMethod(), in.scopes(),
                refreshBlockedReason, stored(createdAt), stored(in.updatedAt()), version);
    }

    static void bindInsert(PreparedStatement insert, AuthConfig c, int keyTerm, byte[] payload) throws SQLException {
        insert.setString(1, c.authConfigId());
        bindContent(insert, 2, c);
        insert.setString(9, c.refreshBlockedReason());
        setInstant(insert, 10, c.createdAt());
        setInstant(insert, 11, c.updatedAt());
        insert.setLong(12, c.version());
        insert.setInt(13, keyTerm);
        insert.setBytes(14, payload);
    }

    /** Binds the new content; {@code c.version()} is the version the row must still have. */
    static void bindUpdate(PreparedStatement update, AuthConfig c, int keyTerm, byte[] payload) throws SQLException {
        bindContent(update, 1, c);
        setInstant(update, 8, c.updatedAt());
        update.setInt(9, keyTerm);
        update.setBytes(10, payload);
        update.setString(11, c.authConfigId());
        update.setLong(12, c.version());
    }

    /** app_name .. scopes: seven columns from {@code first}. */
    private static void bindContent(PreparedStatement statement, int first, AuthConfig c) throws SQLException {
        statement.setString(first, c.appName());
        statement.setString(first + 1, c.tokenEndpoint().toString());
        statement.setString(first + 2, text(c.authorizationEndpoint()));
        statement.setString(first + 3, text(c.revocationEndpoint()));
        statement.setString(first + 4, c.clientId());
        statement.setString(first + 5, c.clientAuthMethod().wire());
        statement.setString(first + 6, joinScopes(c.scopes()));
    }

    /** Scopes are stored space-separated, so a scope must be non-empty and free of whitespace. */
    static String joinScopes(List<String> scopes) {
        for (String scope : scopes) {
            if (scope == null || scope.isEmpty() || scope.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a scope must be non-empty and contain no whitespace");
            }
        }
        return String.join(" ", scopes);
    }

    static List<String> splitScopes(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split(" "));
    }

    private static URI uri(String stored) {
        return stored == null ? null : URI.create(stored);
    }

    private static String text(URI uri) {
        return uri == null ? null : uri.toString();
    }
}
