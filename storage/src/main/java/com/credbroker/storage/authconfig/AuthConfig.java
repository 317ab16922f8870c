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
        long version) {

    public AuthConfig {
        Objects.requireNonNull(authConfigId, "authConfigId");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientAuthMethod, "clientAuthMethod");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    public boolean refreshBlocked() {
        return refreshBlockedReason != null;
    }

    @Override
    public String toString() {
        return "AuthConfig[" + authConfigId + ", app=" + appName + ", tokenEndpoint=" + tokenEndpoint
                + ", clientAuthMethod=" + clientAuthMethod.wire() + ", clientSecret=[REDACTED]]";
    }
}
