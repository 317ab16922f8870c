package com.credbroker.storage.credential;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The plain columns of a connection that decide who may read its secrets and where they are sent
 * (connection, entity, app, scheme, auth config), as stored: sealed into the payload beside the secrets
 * (which already hold {@code base_url}, {@code test_request_endpoint} and {@code callback_url}) and
 * compared with the columns whenever the payload is opened. Values only, so a logical restore under the
 * same keyring keeps them valid.
 */
record CredentialBinding(
        @JsonProperty("connection_id") String connectionId,
        @JsonProperty("entity_id") String entityId,
        @JsonProperty("app_name") String appName,
        @JsonProperty("auth_scheme") String authScheme,
        @JsonProperty("auth_config_id") String authConfigId) {

    /** The columns {@link #of(ResultSet)} reads. */
    static final String COLUMNS = "connection_id, entity_id, app_name, auth_scheme, auth_config_id";

    static CredentialBinding of(Credential c) {
        return new CredentialBinding(c.connectionId(), c.entityId(), c.appName(), c.authScheme().name(),
                c.authConfigId());
    }

    static CredentialBinding of(ResultSet rows) throws SQLException {
        return new CredentialBinding(rows.getString("connection_id"), rows.getString("entity_id"),
                rows.getString("app_name"), rows.getString("auth_scheme"), rows.getString("auth_config_id"));
    }
}
