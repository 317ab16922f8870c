package com.credbroker.storage.authconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The plain columns of an auth config that decide where its secrets and its connections' tokens go, as
 * stored: sealed into the payload beside the client secret, and compared with the columns whenever the
 * row is read, so a column changed around the broker is refused. Values only (no physical row data), so a
 * logical restore under the same keyring keeps them valid.
 *
 * <p>The template columns (V12) are left out of the sealed JSON while NULL, so a config without a template
 * seals the same document as before V12, and a payload sealed before V12 (which has none of them) matches
 * a row whose template columns are NULL.
 */
record AuthConfigBinding(
        @JsonProperty("app_name") String appName,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("revocation_endpoint") String revocationEndpoint,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_auth_method") String clientAuthMethod,
        @JsonProperty("scopes") String scopes,
        @JsonProperty("provider") @JsonInclude(JsonInclude.Include.NON_NULL) String provider,
        @JsonProperty("provider_overrides") @JsonInclude(JsonInclude.Include.NON_NULL) String providerOverrides,
        @JsonProperty("connection_fields") @JsonInclude(JsonInclude.Include.NON_NULL) String connectionFields) {

    /** The columns {@link #of(ResultSet)} reads. */
    static final String COLUMNS = "app_name, token_endpoint, authorization_endpoint, revocation_endpoint, client_id,"
            + " client_auth_method, scopes, provider, provider_overrides, connection_fields";

    /** The values {@link AuthConfigRows} binds for {@code c}. */
    static AuthConfigBinding of(AuthConfig c) {
        return new AuthConfigBinding(c.appName(), text(c.tokenEndpoint()), text(c.authorizationEndpoint()),
                text(c.revocationEndpoint()), c.clientId(), c.clientAuthMethod().wire(),
                AuthConfigRows.joinScopes(c.scopes()), TemplateColumns.provider(c), TemplateColumns.overrides(c),
                TemplateColumns.connectionFields(c));
    }

    /** The values stored in the current row of {@code rows}. */
    static AuthConfigBinding of(ResultSet rows) throws SQLException {
        return new AuthConfigBinding(rows.getString("app_name"), rows.getString("token_endpoint"),
                rows.getString("authorization_endpoint"), rows.getString("revocation_endpoint"),
                rows.getString("client_id"), rows.getString("client_auth_method"), rows.getString("scopes"),
                rows.getString("provider"), rows.getString("provider_overrides"), rows.getString("connection_fields"));
    }

    private static String text(java.net.URI uri) {
        return uri == null ? null : uri.toString();
    }
}
