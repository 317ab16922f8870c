package com.credbroker.broker.authconfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code POST} and {@code PATCH /admin/auth-configs}: an app's OAuth client. {@code client_secret} is
 * write-only; {@code toString()} never shows it. On PATCH only the fields present change.
 */
public record AuthConfigRequest(
        @JsonProperty("app_name") String appName,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("revocation_endpoint") String revocationEndpoint,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("client_auth_method") String clientAuthMethod,
        @JsonProperty("scopes") List<String> scopes) {

    @Override
    public String toString() {
        return "AuthConfigRequest[app=" + appName + ", clientSecret=[REDACTED]]";
    }
}
