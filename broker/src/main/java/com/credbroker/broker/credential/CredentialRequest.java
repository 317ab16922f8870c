package com.credbroker.broker.credential;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The create/import and patch body. It uses the response's field names, so a lookup response can
 * be posted back as an import; the response-only fields are accepted and ignored. {@code connection_config}
 * (per-connection provider template fields) is stored as {@code extra_data.connection_config}, where a
 * lookup response shows it.
 */
public record CredentialRequest(
        @JsonProperty("connection_id") String connectionId,
        @JsonProperty("status") String status,
        @JsonProperty("app_name") String appName,
        @JsonProperty("auth_scheme") String authScheme,
        @JsonProperty("credentials") Map<String, Object> credentials,
        @JsonProperty("account_email") String accountEmail,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("entity_id") String entityId,
        @JsonProperty("auth_config_id") String authConfigId,
        @JsonProperty("is_composio_managed") Boolean composioManaged,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("test_request_endpoint") String testRequestEndpoint,
        @JsonProperty("callback_url") String callbackUrl,
        @JsonProperty("id_token") String idToken,
        @JsonProperty("code_verifier") String codeVerifier,
        @JsonProperty("extra_headers") Map<String, String> extraHeaders,
        @JsonProperty("query_params") Map<String, String> queryParams,
        @JsonProperty("extra_data") Map<String, Object> extraData,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("status_reason") String statusReason,
        @JsonProperty("is_disabled") Boolean disabled,
        @JsonProperty("is_redacted") Boolean redacted,
        @JsonProperty("credential_id") String credentialId,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("connection_config") Map<String, String> connectionConfig) {

    @Override
    public String toString() {
        return "CredentialRequest[connection=" + connectionId + ", values=[REDACTED]]";
    }
}
