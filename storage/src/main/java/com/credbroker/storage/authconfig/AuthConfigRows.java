package com.credbroker.storage.authconfig;

import static com.credbroker.storage.db.Jdbc.getInstant;
import static com.credbroker.storage.db.Jdbc.instant;
import static com.credbroker.storage.db.Jdbc.stored;

import com.credbroker.storage.db.StorageException;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.statement.Update;

/** Column lists, row mapping, scope encoding of the {@code auth_configs} table. */
final class AuthConfigRows {
    static final String PLAIN_COLUMNS = "auth_config_id, app_name, token_endpoint, authorization_endpoint,"
            + " revocation_endpoint, client_id, client_auth_method, scopes, refresh_blocked_reason, created_at,"
            + " updated_at, version, provider, provider_overrides, connection_fields";

    static final String SELECT = "SELECT " + PLAIN_COLUMNS + ", payload FROM auth_configs";

    static final String INSERT = "INSERT INTO auth_configs (" + PLAIN_COLUMNS + ", key_term, payload)"
            + " VALUES (:auth_config_id, :app_name, :token_endpoint, :authorization_endpoint, :revocation_endpoint,"
            + " :client_id, :client_auth_method, :scopes, :refresh_blocked_reason, :created_at, :updated_at,"
            + " :version, :provider, :provider_overrides, :connection_fields, :key_term, :payload)";

    /** Every content change clears the refresh block: the operator has changed the client. */
    static final String UPDATE_IF_VERSION = "UPDATE auth_configs SET app_name = :app_name,"
            + " token_endpoint = :token_endpoint, authorization_endpoint = :authorization_endpoint,"
            + " revocation_endpoint = :revocation_endpoint, client_id = :client_id,"
            + " client_auth_method = :client_auth_method, scopes = :scopes, provider = :provider,"
            + " provider_overrides = :provider_overrides, connection_fields = :connection_fields,"
            + " refresh_blocked_reason = NULL,"
            + " updated_at = :updated_at, version = version + 1, key_term = :key_term, payload = :payload"
            + " WHERE auth_config_id = :auth_config_id AND version = :version";

    private AuthConfigRows() {
    }

    static AuthConfig read(ResultSet rows, String clientSecret) throws SQLException {
        String method = rows.getString("client_auth_method");
        return new AuthConfig(
                rows.getString("auth_config_id"),
                rows.getString("app_name"),
                uri(rows.getString("token_endpoint")),
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
                rows.getLong("version"),
                TemplateColumns.read(rows.getString("provider"), rows.getString("provider_overrides"),
                        rows.getString("connection_fields")));
    }

    /** The record as it will be stored: given creation time, version and block, timestamps in micros. */
    static AuthConfig asStored(AuthConfig in, Instant createdAt, String refreshBlockedReason,
            long version) {
        return new AuthConfig(in.authConfigId(), in.appName(), in.tokenEndpoint(), in.authorizationEndpoint(),
                in.revocationEndpoint(), in.clientId(), in.clientSecret(), in.clientAuthMethod(), in.scopes(),
                refreshBlockedReason, stored(createdAt), stored(in.updatedAt()), version, in.template());
    }

    static Update bindInsert(Update insert, AuthConfig c, int keyTerm, byte[] payload) {
        return bindContent(insert, c)
                .bind("refresh_blocked_reason", c.refreshBlockedReason())
                .bind("created_at", instant(c.createdAt()))
                .bind("updated_at", instant(c.updatedAt()))
                .bind("version", c.version())
                .bind("key_term", keyTerm)
                .bind("payload", payload);
    }

    /** Binds the new content; {@code c.version()} is the version the row must still have. */
    static Update bindUpdate(Update update, AuthConfig c, int keyTerm, byte[] payload) {
        return bindContent(update, c)
                .bind("updated_at", instant(c.updatedAt()))
                .bind("key_term", keyTerm)
                .bind("payload", payload)
                .bind("version", c.version());
    }

    /** The ID and the content columns, app_name .. scopes and the template columns. */
    private static Update bindContent(Update statement, AuthConfig c) {
        return statement.bind("auth_config_id", c.authConfigId())
                .bind("app_name", c.appName())
                .bind("token_endpoint", text(c.tokenEndpoint()))
                .bind("authorization_endpoint", text(c.authorizationEndpoint()))
                .bind("revocation_endpoint", text(c.revocationEndpoint()))
                .bind("client_id", c.clientId())
                .bind("client_auth_method", c.clientAuthMethod().wire())
                .bind("scopes", joinScopes(c.scopes()))
                .bind("provider", TemplateColumns.provider(c))
                .bind("provider_overrides", TemplateColumns.overrides(c))
                .bind("connection_fields", TemplateColumns.connectionFields(c));
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
