package com.credbroker.broker.authconfig;

import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.TemplateBinding;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An auth config on the wire. There is no secret field: only whether the config has a client secret.
 * {@code provider} is null and {@code provider_overrides} / {@code connection_fields} are {@code {}} for a
 * config without a template; a templated one has null endpoints (explicit ones are overrides).
 */
public record AuthConfigResponse(
        @JsonProperty("auth_config_id") String authConfigId,
        @JsonProperty("app_name") String appName,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("revocation_endpoint") String revocationEndpoint,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_auth_method") String clientAuthMethod,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("has_client_secret") boolean hasClientSecret,
        @JsonProperty("refresh_blocked") boolean refreshBlocked,
        @JsonProperty("refresh_blocked_reason") String refreshBlockedReason,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("provider") String provider,
        @JsonProperty("provider_overrides") Map<String, Object> providerOverrides,
        @JsonProperty("connection_fields") Map<String, String> connectionFields) {

    public static AuthConfigResponse of(AuthConfig c) {
        TemplateBinding t = c.template();
        return new AuthConfigResponse(c.authConfigId(), c.appName(), text(c.tokenEndpoint()),
                text(c.authorizationEndpoint()), text(c.revocationEndpoint()), c.clientId(),
                c.clientAuthMethod().wire(), c.scopes(), c.clientSecret() != null, c.refreshBlocked(),
                c.refreshBlockedReason(), CredentialViews.timestamp(c.createdAt()),
                CredentialViews.timestamp(c.updatedAt()), c.provider(),
                t == null ? Map.of() : new TreeMap<>(t.overrides()),
                t == null ? Map.of() : new TreeMap<>(t.connectionFields()));
    }

    private static String text(URI uri) {
        return uri == null ? null : uri.toString();
    }
}
