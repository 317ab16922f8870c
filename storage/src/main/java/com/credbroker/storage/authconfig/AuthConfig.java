package com.credbroker.storage.authconfig;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An app's OAuth client. {@link #clientSecret()} is stored only inside an encrypted payload (AAD
 * {@code auth_config:<auth_config_id>}) and never returned by the API; {@code toString()} never shows it.
 *
 * @param authorizationEndpoint  null when the app is used only for imported connections
 * @param revocationEndpoint     RFC 7009 endpoint, or null
 * @param clientSecret           null for {@link ClientAuthMethod#NONE}
 * @param refreshBlockedReason   set when the provider rejected this client ({@code invalid_client},
 *                               {@code unauthorized_client}): no connection of this config is refreshed
 *                               until the config is changed. Null when refreshes may run.
 * @param version                row version, incremented by every update (0 for a record not yet stored)
 * @param template               the provider template this config uses, with its overrides and fixed
 *                               per-connection fields; null for a config that gives its own endpoints
 */
public record AuthConfig(
        String authConfigId,
        String appName,
        URI tokenEndpoint,
        URI authorizationEndpoint,
        URI revocationEndpoint,
        String clientId,
        String clientSecret,
        ClientAuthMethod clientAuthMethod,
        List<String> scopes,
        String refreshBlockedReason,
        Instant createdAt,
        Instant updatedAt,
        long version,
        TemplateBinding template) {

    /** A config without a template. */
    public AuthConfig(String authConfigId, String appName, URI tokenEndpoint, URI authorizationEndpoint,
            URI revocationEndpoint, String clientId, String clientSecret, ClientAuthMethod clientAuthMethod,
            List<String> scopes, String refreshBlockedReason, Instant createdAt, Instant updatedAt, long version) {
        this(authConfigId, appName, tokenEndpoint, authorizationEndpoint, revocationEndpoint, clientId, clientSecret,
                clientAuthMethod, scopes, refreshBlockedReason, createdAt, updatedAt, version, null);
    }

    public AuthConfig {
        Objects.requireNonNull(authConfigId, "authConfigId");
        if (template == null) {
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        }
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientAuthMethod, "clientAuthMethod");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** The template this config uses, or null. */
    public String provider() {
        return template == null ? null : template.provider();
    }

    public boolean refreshBlocked() {
        return refreshBlockedReason != null;
    }

    @Override
    public String toString() {
        return "AuthConfig[" + authConfigId + ", app=" + appName + ", tokenEndpoint=" + tokenEndpoint
                + ", provider=" + provider()
                + ", clientAuthMethod=" + clientAuthMethod.wire() + ", clientSecret=[REDACTED]]";
    }
}
