package com.credbroker.broker.credential;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A listing item: the plain columns only, always {@code is_redacted: true}. */
public record CredentialSummaryResponse(
        @JsonProperty("connection_id") String connectionId,
        @JsonProperty("credential_id") String credentialId,
        @JsonProperty("status") String status,
        @JsonProperty("app_name") String appName,
        @JsonProperty("auth_scheme") String authScheme,
        @JsonProperty("entity_id") String entityId,
        @JsonProperty("auth_config_id") String authConfigId,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("status_reason") String statusReason,
        @JsonProperty("is_disabled") boolean disabled,
        @JsonProperty("is_redacted") boolean redacted) {
}
