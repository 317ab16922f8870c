package com.credbroker.broker.connect;

import com.credbroker.broker.domain.ValidationException;
import com.credbroker.config.EgressAllowList;
import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.ProviderHttpClient;
import com.credbroker.refresh.client.TokenSet;
import com.credbroker.refresh.connect.AuthorizationStart;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.refresh.oidc.DiscoveringResolver;
import com.credbroker.refresh.oidc.AccountIdentity;
import com.credbroker.refresh.oidc.IdTokenVerifier;
import com.credbroker.refresh.oidc.IdentityClient;
import com.credbroker.refresh.oidc.OidcConnect;
import com.credbroker.refresh.oidc.OidcDiscovery;
import com.credbroker.refresh.oidc.OidcException;
import com.credbroker.refresh.provider.ProviderException;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.CredentialSecrets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The connect flow's OpenID Connect and identity steps (issue 17 items 4 and 5), kept out of
 * {@link ConnectService} and {@link CallbackService}, which call one method each: the nonce at initiate,
 * the RFC 9207 {@code iss} check before the code exchange, and the validated account after it. The
 * provider is resolved from the auth config (and the connection's {@code connection_config}) by the
 * {@link ProviderResolver} and completed by discovery. {@link #none()} does none of it (tests that need
 * no provider). Thread-safe.
 */
public final class OpenIdSteps {
    /** The clock difference allowed between the broker and an ID token's issuer. */
    static final Duration ID_TOKEN_SKEW = Duration.ofMinutes(1);

    private final ProviderResolver resolver;
    private final OidcConnect oidc;

    public OpenIdSteps(ProviderResolver resolver, OidcConnect oidc) {
        this.resolver = resolver;
        this.oidc = oidc;
    }

    /** No OpenID Connect and no identity endpoint: the flow as it was before issue 17. */
    /**
     * {@code templates} with OpenID discovery on top (see {@link DiscoveringResolver}), on the token
     * endpoints' egress rule and timeouts: the resolver every part of the broker reads.
     */
    public static ProviderResolver discovering(ProviderResolver templates, RefreshConfig refresh,
            EgressAllowList allowList, Duration lifetime, Clock clock) {
        ProviderHttpClient http = new ProviderHttpClient(refresh, EgressPolicy.forTokenEndpoints(
                refresh.allowInsecureTokenUrls(), allowList, HostResolver.system()));
        return new DiscoveringResolver(templates,
                new OidcDiscovery(http, clock, lifetime, refresh.allowInsecureTokenUrls()));
    }

    /** Templates resolved, no OpenID Connect steps. */
    public static OpenIdSteps resolving(ProviderResolver resolver) {
        return new OpenIdSteps(resolver, null);
    }

    public static OpenIdSteps none() {
        return new OpenIdSteps(ProviderResolver.PLAIN, null);
    }

    /**
     * The broker's: discovery documents, key sets and identity requests on the token endpoints' egress rule
     * and timeouts, discovery kept for {@code lifetime}.
     */
    public static OpenIdSteps forBroker(ProviderResolver resolver, RefreshConfig refresh, EgressAllowList allowList,
            Duration lifetime, Clock clock, SecureRandom random) {
        ProviderHttpClient http = new ProviderHttpClient(refresh, EgressPolicy.forTokenEndpoints(
                refresh.allowInsecureTokenUrls(), allowList, HostResolver.system()));
        OidcDiscovery discovery = new OidcDiscovery(http, clock, lifetime, refresh.allowInsecureTokenUrls());
        return new OpenIdSteps(resolver, new OidcConnect(discovery, new IdTokenVerifier(discovery, clock,
                ID_TOKEN_SKEW), new IdentityClient(http, refresh.allowInsecureTokenUrls()), random));
    }

    /**
     * The authorization URL to send the browser to (with a nonce for an OpenID provider) and the nonce hash
     * to keep with the state (null when none).
     *
     * @param provider the connection's provider, as {@link #connectable} resolved it
     * @throws ValidationException {@code discovery_failed} / {@code issuer_mismatch} when discovery fails
     */
    OidcConnect.Start start(ResolvedProvider provider, List<String> scopes, AuthorizationStart start) {
        if (oidc == null) {
            return new OidcConnect.Start(start.redirectUrl(), null);
        }
        try {
            return oidc.start(provider, scopes, start.redirectUrl());
        } catch (OidcException e) {
            throw new ValidationException(e.code(), "the auth config's issuer could not be used: " + e.getMessage());
        }
    }

    /** RFC 9207 for the callback; @throws OidcException when its {@code iss} is refused */
    void checkCallbackIssuer(ResolvedProvider provider, String iss) {
        if (oidc != null) {
            oidc.checkCallbackIssuer(provider, iss);
        }
    }

    /**
     * The account of the exchanged tokens (see {@link OidcConnect#account}); unknown without OpenID steps.
     *
     * @throws OidcException when the ID token does not hold: the connection must not become ACTIVE
     */
    AccountIdentity account(ResolvedProvider provider, String nonceHash, TokenSet tokens) {
        if (oidc == null) {
            return AccountIdentity.UNKNOWN;
        }
        return oidc.account(provider, tokens, nonceHash);
    }

    /** {@code secrets} with the account the provider named (the fields stay as they were when it named none). */
    static CredentialSecrets withAccount(CredentialSecrets s, AccountIdentity account) {
        if (account == null || !account.known()) {
            return s;
        }
        return new CredentialSecrets(s.credentials(), s.idToken(), s.codeVerifier(),
                account.accountEmail() != null ? account.accountEmail() : s.accountEmail(),
                account.accountId() != null ? account.accountId() : s.accountId(), s.composioManaged(), s.baseUrl(),
                s.testRequestEndpoint(), s.callbackUrl(), s.extraHeaders(), s.queryParams(), s.extraData());
    }

    /**
     * {@link #provider} for a connect flow (a first one or a reconnect): 422 when the template cannot be
     * applied or discovery fails, and when the provider has no authorization endpoint to send a browser to.
     */
    ResolvedProvider connectable(AuthConfig config, Map<String, String> connectionConfig) {
        ResolvedProvider provider;
        try {
            provider = provider(config, connectionConfig); // the template, and discovery for an issuer
        } catch (OidcException unresolvable) {
            throw new ValidationException(unresolvable.code() + ": " + unresolvable.reason());
        }
        if (provider.authorizationEndpoint() == null) {
            throw new ValidationException("the auth config has no authorization_endpoint: set one to connect");
        }
        return provider;
    }

    /**
     * The provider of a connection as the connect flow should use it: resolved from the auth config and the
     * connection's fields, with the endpoints it lacks taken from its issuer's discovery document (cached).
     * The authorization URL and the code exchange should read this one (when they take a
     * {@link ResolvedProvider}), so that an auth config giving only an issuer can connect.
     *
     * @throws OidcException when the template cannot be applied or discovery fails
     */
    public ResolvedProvider provider(AuthConfig config, Map<String, String> connectionConfig) {
        ResolvedProvider resolved;
        try {
            resolved = resolver.resolve(config, connectionConfig);
        } catch (ProviderException e) {
            throw new OidcException("provider_unusable", e.getMessage());
        }
        return oidc == null ? resolved : oidc.complete(resolved);
    }

}
