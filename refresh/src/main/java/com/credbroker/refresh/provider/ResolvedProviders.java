package com.credbroker.refresh.provider;

import com.credbroker.refresh.provider.ResolvedProvider.ApiAuth;
import com.credbroker.refresh.provider.ResolvedProvider.Identity;
import com.credbroker.refresh.provider.ResolvedProvider.LifetimeUnit;
import com.credbroker.refresh.provider.ResolvedProvider.Pkce;
import com.credbroker.refresh.provider.ResolvedProvider.TokenRequestFormat;
import com.credbroker.refresh.provider.ResolvedProvider.TokenResponseShape;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link ResolvedProvider} of a validated, merged template and checked placeholder values: fills every
 * URL, checks that each filled URL kept the host and path its template spells, and applies the format's
 * defaults. The client ID and secret always come from the auth config.
 */
final class ResolvedProviders {
    private final boolean allowInsecureUrls;

    ResolvedProviders(boolean allowInsecureUrls) {
        this.allowInsecureUrls = allowInsecureUrls;
    }

    ResolvedProvider build(AuthConfig config, ProviderTemplate t, Map<String, String> values) {
        ClientAuthMethod method = clientAuthMethod(config, t);
        return new ResolvedProvider(config.authConfigId(), t.name(),
                url("authorization_url", t.authorizationUrl(), values), url("token_url", t.tokenUrl(), values),
                url("refresh_url", t.refreshUrl(), values), url("revocation_url", t.revocationUrl(), values),
                url("issuer", t.issuer(), values), config.clientId(),
                method == ClientAuthMethod.NONE ? null : config.clientSecret(), method,
                "json".equals(t.tokenRequestFormat()) ? TokenRequestFormat.JSON : TokenRequestFormat.FORM,
                t.authorizationParams(), t.tokenParams(), t.refreshParams(),
                t.scopeSeparator() == null ? " " : t.scopeSeparator(),
                config.scopes().isEmpty() ? t.defaultScopes() : config.scopes(), pkce(t.pkce()),
                tokenResponse(t.tokenResponse()), t.connectionData(),
                BaseUrls.fill(t.baseUrl(), values, true, allowInsecureUrls),
                apiPath("health_endpoint", t.healthEndpoint(), values), identity(t.identity(), values),
                apiAuth(t), t.headers(), Boolean.TRUE.equals(t.refreshTokenRotation()), t.tokenHeaders(),
                Boolean.TRUE.equals(t.refreshRedirectUri()), t.scopeParam(), t.healthMethod(),
                t.healthBody() == null ? null : t.healthBody().toString());
    }

    /**
     * The config's overrides (already merged into {@code t}) and the template decide, except that a config with
     * method {@code none} (a public client, no secret) stays {@code none} unless its overrides say otherwise.
     */
    private static ClientAuthMethod clientAuthMethod(AuthConfig config, ProviderTemplate t) {
        boolean overridden = config.template().overrides().containsKey("client_authentication");
        if (t.clientAuthentication() == null || !overridden && config.clientAuthMethod() == ClientAuthMethod.NONE) {
            return config.clientAuthMethod();
        }
        return ClientAuthMethod.fromWire(t.clientAuthentication()).orElse(config.clientAuthMethod());
    }

    /** A filled URL whose host and leading path are the template's own, or a refusal naming the field. */
    private URI url(String field, String template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        String filled = Placeholders.fill(template, values);
        String problem = Placeholders.badUrl(filled, allowInsecureUrls);
        if (problem != null) {
            throw new ProviderException(field + ": " + problem);
        }
        try {
            URI uri = new URI(filled);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (!Placeholders.expectedHost(template, values).equals(uri.getHost().toLowerCase(Locale.ROOT))
                    || !path.startsWith(Placeholders.literalPathPrefix(template)) || path.contains("/../")) {
                throw new ProviderException(field + ": a connection field value would change the URL's host or path");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ProviderException(field + ": " + problem);
        }
    }

    /** A path relative to the base URL (filled), or an absolute URL checked like an endpoint. */
    private String apiPath(String field, String template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        if (template.startsWith("/")) {
            return Placeholders.fill(template, values);
        }
        return url(field, template, values).toString();
    }

    private Identity identity(ProviderTemplate.Identity identity, Map<String, String> values) {
        if (identity == null) {
            return null;
        }
        return new Identity(apiPath("identity.url", identity.url(), values),
                identity.method() == null ? "GET" : identity.method(), identity.accountId(), identity.accountEmail(),
                identity.body() == null ? null : identity.body().toString());
    }

    private static Pkce pkce(String pkce) {
        return pkce == null ? Pkce.OPTIONAL : Pkce.valueOf(pkce.toUpperCase(Locale.ROOT));
    }

    private static TokenResponseShape tokenResponse(ProviderTemplate.TokenResponse r) {
        TokenResponseShape d = TokenResponseShape.STANDARD;
        if (r == null) {
            return d;
        }
        Map<String, String> types = new java.util.HashMap<>();
        r.tokenTypes().forEach((k, v) -> types.put(k.toLowerCase(Locale.ROOT), v));
        return new TokenResponseShape(or(r.accessToken(), d.accessToken()), or(r.refreshToken(), d.refreshToken()),
                or(r.expiresIn(), d.expiresIn()), or(r.scope(), d.scope()), or(r.tokenType(), d.tokenType()),
                or(r.idToken(), d.idToken()), types,
                "milliseconds".equals(r.expiresInUnit()) ? LifetimeUnit.MILLISECONDS : LifetimeUnit.SECONDS,
                r.defaultLifetimeSeconds(), or(r.error(), d.error()), r.errorCodes());
    }

    private static ApiAuth apiAuth(ProviderTemplate t) {
        if (t.apiAuth() != null) {
            return new ApiAuth("query".equals(t.apiAuth().in()) ? ApiAuth.Placement.QUERY : ApiAuth.Placement.HEADER,
                    t.apiAuth().name(), t.apiAuth().prefix() == null ? "" : t.apiAuth().prefix());
        }
        return "BASIC".equals(t.authScheme()) ? new ApiAuth(ApiAuth.Placement.HEADER, "Authorization", "Basic ")
                : ApiAuth.BEARER;
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
