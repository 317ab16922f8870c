package com.credbroker.refresh.oidc;

import com.credbroker.refresh.provider.ProviderException;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.authconfig.AuthConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A resolver whose providers have the endpoints their OpenID issuer publishes (see {@link OidcDiscovery}):
 * a template or auth config that gives only an {@code issuer} refreshes, revokes and connects like one that
 * names its endpoints. Used by every caller of the broker's resolver. A document that cannot be fetched
 * leaves a provider that names its own token endpoint as it is, and is otherwise
 * {@link ProviderException#unavailable()} (a refresh then backs off as for any transient failure); one
 * that names another issuer is a refusal of the config.
 */
public final class DiscoveringResolver implements ProviderResolver {
    private final ProviderResolver templates;
    private final OidcDiscovery discovery;

    public DiscoveringResolver(ProviderResolver templates, OidcDiscovery discovery) {
        this.templates = Objects.requireNonNull(templates, "templates");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
    }

    @Override
    public ResolvedProvider resolve(AuthConfig config, Map<String, String> connectionConfig) {
        ResolvedProvider resolved = templates.resolve(config, connectionConfig);
        try {
            return discovery.complete(resolved);
        } catch (OidcException failed) {
            String message = "OpenID discovery of the issuer failed: " + failed.reason();
            if ("issuer_mismatch".equals(failed.code())) {
                throw new ProviderException(message);
            }
            if (resolved.tokenEndpoint() != null) {
                return resolved; // out of reach for now: what the template names still refreshes and revokes
            }
            throw ProviderException.unavailable(message);
        }
    }

    @Override
    public List<String> problems(AuthConfig config, Map<String, String> connectionConfig, boolean forConnection) {
        return templates.problems(config, connectionConfig, forConnection);
    }
}
