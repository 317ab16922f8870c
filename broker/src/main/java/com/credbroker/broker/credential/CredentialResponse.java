package com.credbroker.broker.credential;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The lookup contract of DESIGN.md, field for field. Every field is written, null where unknown. */
public record CredentialResponse(
        @JsonProperty("connection_id") String connectionId,
        @JsonProperty("credential_id") String credentialId,
        @JsonProperty("status") String status,
        @JsonProperty("app_name") String appName,
        @JsonProperty("auth_scheme") String authScheme,
        @JsonProperty("credentials") Map<String, Object> credentials,
        @JsonProperty("account_email") String accountEmail,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("entity_id") String entityId,
        @JsonProperty("auth_config_id") String authConfigId,
        @JsonProperty("is_composio_managed") boolean composioManaged,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("test_request_endpoint") String testRequestEndpoint,
        @JsonProperty("callback_url") String callbackUrl,
        @JsonProperty("id_token") String idToken,
        @JsonProperty("code_verifier") String codeVerifier,
        @JsonProperty("extra_headers") Map<String, String> extraHeaders,
        @JsonProperty("query_params") Map<String, String> queryParams,
        @JsonProperty("extra_data") Map<String, Object> extraData,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("status_reason") String statusReason,
        @JsonProperty("is_disabled") boolean disabled,
        @JsonProperty("is_redacted") boolean redacted) {

    @Override
    public String toString() {
        return "CredentialResponse[" + credentialId + ", connection=" + connectionId + ", values=[REDACTED]]";
    }
}
