package com.credbroker.broker.credential;

import com.credbroker.refresh.client.ConnectionConfigs;
import com.credbroker.refresh.client.RevocationClient;
import com.credbroker.refresh.client.RevocationResult;
import com.credbroker.refresh.client.RevocationSpec;
import com.credbroker.refresh.provider.ProviderException;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.AuthConfigRepository;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.SchemeFields;
import com.credbroker.storage.crypto.TamperedRowException;
import java.util.Objects;
import java.util.Optional;

/**
 * Best-effort RFC 7009 revocation before a connection is deleted: when it is OAUTH2 and its auth config
 * (or the config's provider template) names a {@code revocation_endpoint}, its refresh token (or, without one,
 * its access token) is revoked.
 * The outcome is for the audit trail only; a failure never stops the delete. Thread-safe.
 */
public final class CredentialRevoker {
    private static final int MAX_OUTCOME = 32;

    private final AuthConfigRepository authConfigs;
    private final RevocationClient client;
    private final ProviderResolver providers;

    /** Auth configs read without templates ({@link ProviderResolver#PLAIN}). */
    public CredentialRevoker(AuthConfigRepository authConfigs, RevocationClient client) {
        this(authConfigs, client, ProviderResolver.PLAIN);
    }

    /** @param providers resolves the connection's auth config (and template), which names the revocation endpoint */
    public CredentialRevoker(AuthConfigRepository authConfigs, RevocationClient client, ProviderResolver providers) {
        this.authConfigs = authConfigs;
        this.client = client;
        this.providers = Objects.requireNonNull(providers, "providers");
    }

    /** {@code revoked} or {@code not_revoked:<code>}; empty when no revocation was attempted. */
    public Optional<String> revoke(Credential credential) {
        if (credential.authScheme() != AuthScheme.OAUTH2 || credential.authConfigId() == null) {
            return Optional.empty();
        }
        Optional<AuthConfig> config;
        try {
            config = authConfigs.find(credential.authConfigId());
        } catch (TamperedRowException refused) {
            // changed around the broker (logged and counted where refused): its endpoint is not trusted
            return Optional.of("not_revoked:auth_config_refused");
        }
        if (config.isEmpty()) {
            return Optional.empty();
        }
        ResolvedProvider provider;
        try {
            provider = providers.resolve(config.get(), ConnectionConfigs.of(credential.secrets()));
        } catch (ProviderException unresolvable) {
            return Optional.of("not_revoked:invalid_provider_field");
        }
        if (provider.revocationEndpoint() == null) {
            return Optional.empty();
        }
        String refreshToken = SchemeFields.text(credential.secrets(), "refresh_token");
        String token = refreshToken != null ? refreshToken
                : SchemeFields.text(credential.secrets(), SchemeFields.ACCESS_TOKEN);
        if (token == null) {
            return Optional.empty();
        }
        RevocationResult result = client.revoke(new RevocationSpec(provider, token, refreshToken != null));
        if (result instanceof RevocationResult.Revoked) {
            return Optional.of("revoked");
        }
        String outcome = "not_revoked:" + ((RevocationResult.Failed) result).failure().code();
        return Optional.of(outcome.length() <= MAX_OUTCOME ? outcome : outcome.substring(0, MAX_OUTCOME));
    }
}
