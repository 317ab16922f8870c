package com.credbroker.refresh.provider;

import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one resolved view of "auth config + template + per-connection fields" that the OAuth client, the
 * connect flow, refresh, health tests and revocation read. Every URL in it is final: placeholders are
 * filled and checked. Nobody else parses template fields. {@code toString()} never shows the client secret.
 *
 * @param provider             template name, or null for an auth config without one
 * @param authorizationEndpoint null when the app cannot start a connect flow
 * @param refreshEndpoint      where refresh-token grants go (the token endpoint unless the template differs)
 * @param revocationEndpoint   RFC 7009 endpoint, or null
 * @param issuer               OIDC issuer whose ID tokens are expected, or null
 * @param clientSecret         null for {@link ClientAuthMethod#NONE}
 * @param tokenRequestFormat   how grant requests carry their parameters
 * @param scopeSeparator       joins the scopes of an authorization request
 * @param defaultScopes        requested when a connect flow names none
 * @param pkce                 whether the authorization request carries a PKCE challenge
 * @param tokenResponse        where the tokens are in a token response, and what non-standard values mean
 * @param connectionData       kept from a token response onto the connection: name -> dot path
 * @param baseUrl              the API base URL, or null (may still hold {@code {name}} of connection data
 *                             captured at code exchange: fill it with {@link #baseUrlFor(Map)})
 * @param healthEndpoint       path relative to the base URL, or an absolute URL, or null
 * @param identity             who the account is, or null
 * @param apiAuth              how the secret is sent to the provider's API
 * @param headers              sent with every API request (health, identity)
 * @param rotatesRefreshTokens true when a refresh returns a new refresh token and invalidates the old
 * @param tokenHeaders         sent with every token-endpoint request: code exchange, refresh, revocation
 *                             (Reddit's {@code User-Agent})
 * @param refreshRedirectUri   true when the refresh-token grant repeats the {@code redirect_uri} of the code
 *                             exchange (GitLab)
 * @param scopeParam           the authorization-request parameter carrying the scopes ({@code scope}; Slack
 *                             user tokens: {@code user_scope})
 * @param healthMethod         GET or POST, the method of the health request
 * @param healthBody           the JSON body of a POST health request (a GraphQL query), or null
 */
public record ResolvedProvider(
        String authConfigId,
        String provider,
        URI authorizationEndpoint,
        URI tokenEndpoint,
        URI refreshEndpoint,
        URI revocationEndpoint,
        URI issuer,
        String clientId,
        String clientSecret,
        ClientAuthMethod clientAuthMethod,
        TokenRequestFormat tokenRequestFormat,
        Map<String, String> authorizationParams,
        Map<String, String> tokenParams,
        Map<String, String> refreshParams,
        String scopeSeparator,
        List<String> defaultScopes,
        Pkce pkce,
        TokenResponseShape tokenResponse,
        Map<String, String> connectionData,
        String baseUrl,
        String healthEndpoint,
        Identity identity,
        ApiAuth apiAuth,
        Map<String, String> headers,
        boolean rotatesRefreshTokens,
        Map<String, String> tokenHeaders,
        boolean refreshRedirectUri,
        String scopeParam,
        String healthMethod,
        String healthBody) {

    public ResolvedProvider {
        Objects.requireNonNull(authConfigId, "authConfigId");
        Objects.requireNonNull(clientAuthMethod, "clientAuthMethod");
        Objects.requireNonNull(tokenRequestFormat, "tokenRequestFormat");
        Objects.requireNonNull(scopeSeparator, "scopeSeparator");
        Objects.requireNonNull(pkce, "pkce");
        Objects.requireNonNull(tokenResponse, "tokenResponse");
        authorizationParams = authorizationParams == null ? Map.of() : Map.copyOf(authorizationParams);
        tokenParams = tokenParams == null ? Map.of() : Map.copyOf(tokenParams);
        refreshParams = refreshParams == null ? Map.of() : Map.copyOf(refreshParams);
        defaultScopes = defaultScopes == null ? List.of() : List.copyOf(defaultScopes);
        connectionData = connectionData == null ? Map.of() : Map.copyOf(connectionData);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        tokenHeaders = tokenHeaders == null ? Map.of() : Map.copyOf(tokenHeaders);
        scopeParam = scopeParam == null ? "scope" : scopeParam;
        healthMethod = healthMethod == null ? "GET" : healthMethod;
        if (refreshEndpoint == null) {
            refreshEndpoint = tokenEndpoint;
        }
    }

    /** Without the token-endpoint headers, redirect URI on refresh, scope parameter and health method and body. */
    public ResolvedProvider(String authConfigId, String provider, URI authorizationEndpoint, URI tokenEndpoint,
            URI refreshEndpoint, URI revocationEndpoint, URI issuer, String clientId, String clientSecret,
            ClientAuthMethod clientAuthMethod, TokenRequestFormat tokenRequestFormat,
            Map<String, String> authorizationParams, Map<String, String> tokenParams,
            Map<String, String> refreshParams, String scopeSeparator, List<String> defaultScopes, Pkce pkce,
            TokenResponseShape tokenResponse, Map<String, String> connectionData, String baseUrl,
            String healthEndpoint, Identity identity, ApiAuth apiAuth, Map<String, String> headers,
            boolean rotatesRefreshTokens) {
        this(authConfigId, provider, authorizationEndpoint, tokenEndpoint, refreshEndpoint, revocationEndpoint,
                issuer, clientId, clientSecret, clientAuthMethod, tokenRequestFormat, authorizationParams,
                tokenParams, refreshParams, scopeSeparator, defaultScopes, pkce, tokenResponse, connectionData,
                baseUrl, healthEndpoint, identity, apiAuth, headers, rotatesRefreshTokens, Map.of(), false, "scope",
                "GET", null);
    }

    /** An auth config without a template: its own endpoints, textbook OAuth (what the broker did before). */
    public static ResolvedProvider of(AuthConfig config) {
        return new ResolvedProvider(config.authConfigId(), null, config.authorizationEndpoint(),
                config.tokenEndpoint(), config.tokenEndpoint(), config.revocationEndpoint(), null,
                config.clientId(), config.clientSecret(), config.clientAuthMethod(), TokenRequestFormat.FORM,
                Map.of(), Map.of(), Map.of(), " ", config.scopes(), Pkce.OPTIONAL, TokenResponseShape.STANDARD,
                Map.of(), null, null, null, ApiAuth.BEARER, Map.of(), false);
    }

    /**
     * The base URL with the connection data it still names filled from {@code connectionConfig} (e.g.
     * {@code {instance_url}} captured at code exchange): https only. Null when there is no base URL.
     *
     * @throws ProviderException when a value is missing or could move the URL (names the key, never the value)
     */
    public String baseUrlFor(Map<String, String> connectionConfig) {
        return baseUrlFor(connectionConfig, false);
    }

    /** {@link #baseUrlFor(Map)}, also accepting captured {@code http} URLs to a loopback address when allowed. */
    public String baseUrlFor(Map<String, String> connectionConfig, boolean allowInsecureUrls) {
        return BaseUrls.fill(baseUrl, connectionConfig == null ? Map.of() : connectionConfig, false,
                allowInsecureUrls);
    }

    /** How the grant parameters travel: a form body (RFC 6749) or a JSON object (Notion). */
    public enum TokenRequestFormat { FORM, JSON }

    /** PKCE on the authorization request: always (and an override cannot turn it off), by default, never. */
    public enum Pkce { REQUIRED, OPTIONAL, OFF }

    /** The unit of a token response's lifetime field. */
    public enum LifetimeUnit { SECONDS, MILLISECONDS }

    /**
     * Where the fields of a token response are (dot paths into the JSON object), what a non-standard
     * {@code token_type} means, and the lifetime to assume when none is sent.
     *
     * @param tokenTypes             non-standard token type (lower case) -> standard one ({@code Bearer})
     * @param defaultLifetimeSeconds assumed when the response has no lifetime; null = expiry unknown
     * @param error                  dot path of an error response's code ({@code error}; HubSpot: {@code status})
     * @param errorCodes             the provider's own error codes -> the OAuth error each stands for
     *                               (Slack {@code invalid_refresh_token} -> {@code invalid_grant})
     */
    public record TokenResponseShape(String accessToken, String refreshToken, String expiresIn, String scope,
            String tokenType, String idToken, Map<String, String> tokenTypes, LifetimeUnit expiresInUnit,
            Long defaultLifetimeSeconds, String error, Map<String, String> errorCodes) {
        public static final TokenResponseShape STANDARD = new TokenResponseShape("access_token", "refresh_token",
                "expires_in", "scope", "token_type", "id_token", Map.of(), LifetimeUnit.SECONDS, null);

        public TokenResponseShape {
            tokenTypes = tokenTypes == null ? Map.of() : Map.copyOf(tokenTypes);
            Objects.requireNonNull(expiresInUnit, "expiresInUnit");
            error = error == null ? "error" : error;
            errorCodes = errorCodes == null ? Map.of() : Map.copyOf(errorCodes);
        }

        /** Standard error codes at {@code error}. */
        public TokenResponseShape(String accessToken, String refreshToken, String expiresIn, String scope,
                String tokenType, String idToken, Map<String, String> tokenTypes, LifetimeUnit expiresInUnit,
                Long defaultLifetimeSeconds) {
            this(accessToken, refreshToken, expiresIn, scope, tokenType, idToken, tokenTypes, expiresInUnit,
                    defaultLifetimeSeconds, "error", Map.of());
        }
    }

    /**
     * The identity endpoint: a request with the connection's credentials whose answer names the account.
     *
     * @param url          relative to the base URL, or absolute
     * @param method       GET or POST
     * @param accountId    dot path to the account id
     * @param accountEmail dot path to the e-mail, or null
     * @param body         the JSON text of a POST's body (a GraphQL query), or null
     */
    public record Identity(String url, String method, String accountId, String accountEmail, String body) {
        /** Without a body. */
        public Identity(String url, String method, String accountId, String accountEmail) {
            this(url, method, accountId, accountEmail, null);
        }
    }

    /**
     * How a secret is sent to the API: in a header (with a prefix such as {@code "Bearer "}) or a query
     * parameter. BASIC connections always use {@code Authorization: Basic}.
     */
    public record ApiAuth(Placement in, String name, String prefix) {
        public static final ApiAuth BEARER = new ApiAuth(Placement.HEADER, "Authorization", "Bearer ");

        public enum Placement { HEADER, QUERY }
    }

    @Override
    public String toString() {
        return "ResolvedProvider[" + authConfigId + ", provider=" + provider + ", tokenEndpoint=" + tokenEndpoint
                + ", clientSecret=[REDACTED]]";
    }
}
