package com.credbroker.broker.connect;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/connections/initiate}: start an OAuth connect flow for an auth config.
 *
 * @param callbackUrl  where the broker sends the user's browser when the flow ends, with
 *                     {@code connection_id} and {@code status} (and {@code error} when it failed)
 * @param scopes       the scopes to request; absent: the auth config's scopes
 * @param connectionConfig per-connection template fields (e.g. {@code subdomain}); stored in the connection's
 *                     {@code extra_data.connection_config}
 */
public record InitiateRequest(
        @JsonProperty("auth_config_id") String authConfigId,
        @JsonProperty("entity_id") String entityId,
        @JsonProperty("callback_url") String callbackUrl,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("connection_config") Map<String, String> connectionConfig) {
}
