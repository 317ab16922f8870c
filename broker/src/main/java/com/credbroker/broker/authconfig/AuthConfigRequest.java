package com.credbroker.broker.authconfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code POST} and {@code PATCH /admin/auth-configs}: an app's OAuth client. {@code client_secret} is
 * write-only; {@code toString()} never shows it. On PATCH only the fields present change.
 *
 * @param provider          a provider template name; with it the endpoints are optional (see {@link TemplateRequests})
 * @param providerOverrides template fields to override (same names as in the template); never secrets
 * @param connectionFields  per-connection field values fixed for every connection of the config
 */
public record AuthConfigRequest(
        @JsonProperty("app_name") String appName,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("revocation_endpoint") String revocationEndpoint,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("client_auth_method") String clientAuthMethod,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("provider") String provider,
        @JsonProperty("provider_overrides") Map<String, Object> providerOverrides,
        @JsonProperty("connection_fields") Map<String, String> connectionFields) {

    @Override
    public String toString() {
        return "AuthConfigRequest[app=" + appName + ", provider=" + provider + ", clientSecret=[REDACTED]]";
    }
}
