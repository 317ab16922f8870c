package com.credbroker.refresh.testing;

import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.provider.ResolvedProvider.ApiAuth;
import com.credbroker.refresh.provider.ResolvedProvider.LifetimeUnit;
import com.credbroker.refresh.provider.ResolvedProvider.Pkce;
import com.credbroker.refresh.provider.ResolvedProvider.TokenRequestFormat;
import com.credbroker.refresh.provider.ResolvedProvider.TokenResponseShape;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Hand-built {@link ResolvedProvider}s for tests, as a template would resolve them: start from an auth
 * config's textbook view and change what the provider does differently. Not thread-safe.
 */
public final class TestProviders {
    private ResolvedProvider p;

    private TestProviders(ResolvedProvider start) {
        this.p = start;
    }

    /** The textbook view of {@code config}, named as the template {@code name}. */
    public static TestProviders from(AuthConfig config, String name) {
        ResolvedProvider plain = ResolvedProvider.of(config);
        return new TestProviders(plain).with(b -> copy(b, name, b.tokenEndpoint(), b.refreshEndpoint(),
                b.authorizationEndpoint(), b.clientAuthMethod(), b.tokenRequestFormat(), b.authorizationParams(),
                b.tokenParams(), b.refreshParams(), b.scopeSeparator(), b.defaultScopes(), b.pkce(),
                b.tokenResponse(), b.connectionData(), b.baseUrl(), b.healthEndpoint(), b.apiAuth(), b.headers()));
    }

    /** A resolver that answers {@code provider} for every auth config. */
    public static ProviderResolver always(ResolvedProvider provider) {
        return new ProviderResolver() {
            @Override
            public ResolvedProvider resolve(AuthConfig config, Map<String, String> connectionConfig) {
                return provider;
            }

            @Override
            public List<String> problems(AuthConfig config, Map<String, String> connectionConfig,
                    boolean forConnection) {
                return List.of();
            }
        };
    }

    public TestProviders clientAuth(ClientAuthMethod method) {
        return with(b -> copy(b, b.provider(), b.tokenEndpoint(), b.refreshEndpoint(), b.authorizationEndpoint(),
                method, b.tokenRequestFormat(), b.authorizationParams(), b.tokenParams(), b.refreshParams(),
                b.scopeSeparator(), b.defaultScopes(), b.pkce(), b.tokenResponse(), b.connectionData(), b.baseUrl(),
                b.healthEndpoint(), b.apiAuth(), b.headers()));
    }

    public TestProviders json() {
        return with(b -> copy(b, b.provider(), b.tokenEndpoint(), b.refreshEndpoint(), b.authorizationEndpoint(),
                b.clientAuthMethod(), TokenRequestFormat.JSON, b.authorizationParams(), b.tokenParams(),
                b.refreshParams(), b.scopeSeparator(), b.defaultScopes(), b.pkce(), b.tokenResponse(),
                b.connectionData(), b.baseUrl(), b.healthEndpoint(), b.apiAuth(), b.headers()));
    }

    public TestProviders refreshEndpoint(URI refresh, Map<String, String> refreshParams) {
        return with(b -> copy(b, b.provider(), b.tokenEndpoint(), refresh, b.authorizationEndpoint(),
                b.clientAuthMethod(), b.tokenRequestFormat(), b.authorizationParams(), b.tokenParams(), refreshParams,
                b.scopeSeparator(), b.defaultScopes(), b.pkce(), b.tokenResponse(), b.connectionData(), b.baseUrl(),
                b.healthEndpoint(), b.apiAuth(), b.headers()));
    }

    public TestProviders tokenParams(Map<String, String> tokenParams) {
        return with(b -> copy(b, b.provider(), b.tokenEndpoint(), b.refreshEndpoint(), b.authorizationEndpoint(),
                b.clientAuthMethod(), b.tokenRequestFormat(), b.authorizationParams(), tokenParams, b.refreshParams(),
                b.scopeSeparator(), b.defaultScopes(), b.pkce(), b.tokenResponse(), b.connectionData(), b.baseUrl(),
                b.healthEndpoint(), b.apiAuth(), b.headers()));
    }

    /** Authorization endpoint, extra authorization parameters, scope separator, default scopes and PKCE. */
    public TestProviders authorization(URI endpoint, Map<String, String> params, String separator,
            List<String> defaultScopes, Pkce pkce) {
        return with(b -> copy(b, b.provider(), b.tokenEndpoint(), b.refreshEndpoint(), endpoint,
                b.clientAuthMethod(), b.tokenRequestFormat(), params, b.tokenParams(), b.refreshParams(), separator,
                defaultScopes, pkce, b.tokenResponse(), b.connectionData(), b.baseUrl(), b.healthEndpoint(),
                b.apiAuth(), b.headers()));
    }

    public TestProviders pkce(Pkce pkce) {
        return with(b -> copy(b, b.provider(), b.tokenEndpoint(), b.refreshEndpoint(), b.authorizationEndpoint(),
                b.clientAuthMethod(), b.tokenRequestFormat(), b.authorizationParams(), b.tokenParams(),
                b.refreshParams(), b.scopeSeparator(), b.defaultScopes(), pkce, b.tokenResponse(), b.connectionData(),
                b.baseUrl(), b.healthEndpoint(), b.apiAuth(), b.headers()));
    }

    public TestProviders tokenResponse(TokenResponseShape shape, Map<String, String> connectionData) {
        return with(b -> copy(b, b.provider(), b.tokenEndpoint(), b.refreshEndpoint(), b.authorizationEndpoint(),
                b.clientAuthMethod(), b.tokenRequestFormat(), b.authorizationParams(), b.tokenParams(),
                b.refreshParams(), b.scopeSeparator(), b.defaultScopes(), b.pkce(), shape, connectionData,
                b.baseUrl(), b.healthEndpoint(), b.apiAuth(), b.headers()));
    }

    /** The API side: base URL, health endpoint, how the secret is sent and the headers of every request. */
    public TestProviders api(String baseUrl, String healthEndpoint, ApiAuth apiAuth, Map<String, String> headers) {
        return with(b -> copy(b, b.provider(), b.tokenEndpoint(), b.refreshEndpoint(), b.authorizationEndpoint(),
                b.clientAuthMethod(), b.tokenRequestFormat(), b.authorizationParams(), b.tokenParams(),
                b.refreshParams(), b.scopeSeparator(), b.defaultScopes(), b.pkce(), b.tokenResponse(),
                b.connectionData(), baseUrl, healthEndpoint, apiAuth, headers));
    }

    /**
     * The quirks: headers of every token-endpoint request, the redirect URI repeated on refresh, the parameter
     * carrying the scopes, and the health request's method and JSON body (null: GET without a body).
     */
    public TestProviders quirks(Map<String, String> tokenHeaders, boolean refreshRedirectUri, String scopeParam,
            String healthMethod, String healthBody) {
        return with(b -> new ResolvedProvider(b.authConfigId(), b.provider(), b.authorizationEndpoint(),
                b.tokenEndpoint(), b.refreshEndpoint(), b.revocationEndpoint(), b.issuer(), b.clientId(),
                b.clientSecret(), b.clientAuthMethod(), b.tokenRequestFormat(), b.authorizationParams(),
                b.tokenParams(), b.refreshParams(), b.scopeSeparator(), b.defaultScopes(), b.pkce(), b.tokenResponse(),
                b.connectionData(), b.baseUrl(), b.healthEndpoint(), b.identity(), b.apiAuth(), b.headers(),
                b.rotatesRefreshTokens(), tokenHeaders, refreshRedirectUri, scopeParam, healthMethod, healthBody));
    }

    /** A revocation endpoint. */
    public TestProviders revocation(URI endpoint) {
        return with(b -> new ResolvedProvider(b.authConfigId(), b.provider(), b.authorizationEndpoint(),
                b.tokenEndpoint(), b.refreshEndpoint(), endpoint, b.issuer(), b.clientId(),
                b.clientSecret(), b.clientAuthMethod(), b.tokenRequestFormat(), b.authorizationParams(),
                b.tokenParams(), b.refreshParams(), b.scopeSeparator(), b.defaultScopes(), b.pkce(), b.tokenResponse(),
                b.connectionData(), b.baseUrl(), b.healthEndpoint(), b.identity(), b.apiAuth(), b.headers(),
                b.rotatesRefreshTokens(), b.tokenHeaders(), b.refreshRedirectUri(), b.scopeParam(), b.healthMethod(),
                b.healthBody()));
    }

    public ResolvedProvider build() {
        return p;
    }

    /** A token response shape: the standard one with these paths (null keeps the standard path). */
    public static TokenResponseShape shape(String accessToken, String refreshToken, String expiresIn,
            String tokenType, Map<String, String> tokenTypes, LifetimeUnit unit, Long defaultLifetimeSeconds) {
        TokenResponseShape s = TokenResponseShape.STANDARD;
        return new TokenResponseShape(accessToken == null ? s.accessToken() : accessToken,
                refreshToken == null ? s.refreshToken() : refreshToken, expiresIn == null ? s.expiresIn() : expiresIn,
                s.scope(), tokenType == null ? s.tokenType() : tokenType, s.idToken(), tokenTypes, unit,
                defaultLifetimeSeconds);
    }

    private TestProviders with(UnaryOperator<ResolvedProvider> change) {
        p = change.apply(p);
        return this;
    }

    private static ResolvedProvider copy(ResolvedProvider b, String name, URI token, URI refresh, URI authorization,
            ClientAuthMethod method, TokenRequestFormat format, Map<String, String> authorizationParams,
            Map<String, String> tokenParams, Map<String, String> refreshParams, String separator,
            List<String> defaultScopes, Pkce pkce, TokenResponseShape shape, Map<String, String> connectionData,
            String baseUrl, String healthEndpoint, ApiAuth apiAuth, Map<String, String> headers) {
        return new ResolvedProvider(b.authConfigId(), name, authorization, token, refresh, b.revocationEndpoint(),
                b.issuer(), b.clientId(), b.clientSecret(), method, format, authorizationParams, tokenParams,
                refreshParams, separator, defaultScopes, pkce, shape, connectionData, baseUrl, healthEndpoint,
                b.identity(), apiAuth, headers, b.rotatesRefreshTokens(), b.tokenHeaders(), b.refreshRedirectUri(),
                b.scopeParam(), b.healthMethod(), b.healthBody());
    }
}
