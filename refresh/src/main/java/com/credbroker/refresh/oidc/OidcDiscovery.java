package com.credbroker.refresh.oidc;

import com.credbroker.refresh.client.ProviderHttpClient;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * OpenID Connect discovery (OpenID Connect Discovery 1.0 section 4): an issuer's
 * {@code {issuer}/.well-known/openid-configuration}, parsed by Nimbus ({@link OIDCProviderMetadata}), and
 * the JSON Web Key Set it names. Both are fetched through the broker's egress policy
 * ({@link ProviderHttpClient}) and kept for {@code lifetime} by the injected clock. The document must name
 * exactly the configured issuer (section 4.3), and the issuer and every endpoint taken from it must be
 * https unless insecure URLs are allowed (local development and tests). Thread-safe.
 */
public final class OidcDiscovery {
    /** How long a discovery document or key set is kept when nothing else is said. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    private static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private final ProviderHttpClient http;
    private final Clock clock;
    private final Duration lifetime;
    private final boolean allowInsecureUrls;
    private final Map<URI, Cached<OIDCProviderMetadata>> documents = new ConcurrentHashMap<>();
    private final Map<URI, Cached<JWKSet>> keySets = new ConcurrentHashMap<>();

    public OidcDiscovery(ProviderHttpClient http, Clock clock, Duration lifetime, boolean allowInsecureUrls) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.allowInsecureUrls = allowInsecureUrls;
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("the discovery lifetime must not be negative");
        }
    }

    private record Cached<T>(T value, Instant fetchedAt) {
    }

    /**
     * The provider with what it lacks taken from its issuer's discovery document: authorization, token
     * (and refresh), revocation endpoints, and the userinfo endpoint as its identity endpoint ({@code sub},
     * {@code email}). Endpoints it has are kept. A provider without an issuer is returned as it is.
     *
     * @throws OidcException when discovery fails or the document is refused
     */
    public ResolvedProvider complete(ResolvedProvider p) {
        if (p.issuer() == null || names(p)) {
            return p; // nothing to learn: a provider naming every endpoint needs no discovery document
        }
        OIDCProviderMetadata m = metadata(p.issuer());
        URI token = p.tokenEndpoint() != null ? p.tokenEndpoint() : endpoint(m.getTokenEndpointURI(), "token");
        URI refresh = p.refreshEndpoint() != null ? p.refreshEndpoint() : token;
        ResolvedProvider.Identity identity = p.identity();
        if (identity == null && m.getUserInfoEndpointURI() != null) {
            identity = new ResolvedProvider.Identity(endpoint(m.getUserInfoEndpointURI(), "userinfo").toString(),
                    "GET", "sub", "email");
        }
        return new ResolvedProvider(p.authConfigId(), p.provider(),
                p.authorizationEndpoint() != null ? p.authorizationEndpoint()
                        : endpoint(m.getAuthorizationEndpointURI(), "authorization"),
                token, refresh,
                p.revocationEndpoint() != null ? p.revocationEndpoint() : endpoint(m.getRevocationEndpointURI(), null),
                p.issuer(), p.clientId(), p.clientSecret(), p.clientAuthMethod(), p.tokenRequestFormat(),
                p.authorizationParams(), p.tokenParams(), p.refreshParams(), p.scopeSeparator(), p.defaultScopes(),
                p.pkce(), p.tokenResponse(), p.connectionData(), p.baseUrl(), p.healthEndpoint(), identity,
                p.apiAuth(), p.headers(), p.rotatesRefreshTokens(), p.tokenHeaders(), p.refreshRedirectUri(),
                p.scopeParam(), p.healthMethod(), p.healthBody());
    }

    private static boolean names(ResolvedProvider p) {
        return p.authorizationEndpoint() != null && p.tokenEndpoint() != null && p.revocationEndpoint() != null
                && p.identity() != null;
    }

    /**
     * The issuer's discovery document, from the cache while younger than the lifetime.
     *
     * @throws OidcException {@code discovery_failed} or {@code issuer_mismatch}
     */
    public OIDCProviderMetadata metadata(URI issuer) {
        requireAllowed(issuer, "the issuer");
        return cached(documents, issuer, this::fetchMetadata);
    }

    /**
     * The key set at {@code jwksUri}; {@code fresh} skips the cache (a key the cached set lacks may be new).
     *
     * @throws OidcException {@code jwks_failed}
     */
    public JWKSet keys(URI jwksUri, boolean fresh) {
        requireAllowed(jwksUri, "the jwks_uri");
        if (fresh) {
            keySets.remove(jwksUri);
        }
        return cached(keySets, jwksUri, this::fetchKeys);
    }

    private <T> T cached(Map<URI, Cached<T>> cache, URI key, Function<URI, T> fetch) {
        Instant now = clock.instant();
        Cached<T> hit = cache.get(key);
        if (hit != null && now.isBefore(hit.fetchedAt().plus(lifetime))) {
            return hit.value();
        }
        T value;
        try {
            value = fetch.apply(key);
        } catch (OidcException unreachable) {
            if (hit != null && !"issuer_mismatch".equals(unreachable.code())) {
                return hit.value(); // the last good document serves while the issuer is out of reach
            }
            throw unreachable;
        }
        cache.put(key, new Cached<>(value, now));
        return value;
    }

    private OIDCProviderMetadata fetchMetadata(URI issuer) {
        String base = issuer.toString().endsWith("/") ? issuer.toString().substring(0, issuer.toString().length() - 1)
                : issuer.toString();
        String body = get(URI.create(base + WELL_KNOWN), "discovery_failed", "the discovery document");
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(body);
        } catch (ParseException e) {
            throw new OidcException("discovery_failed", "the discovery document is not valid provider metadata");
        }
        if (!issuer.toString().equals(metadata.getIssuer().getValue())) {
            throw new OidcException("issuer_mismatch",
                    "the discovery document names another issuer than the configured one");
        }
        return metadata;
    }

    private JWKSet fetchKeys(URI jwksUri) {
        String body = get(jwksUri, "jwks_failed", "the key set");
        try {
            return JWKSet.parse(body);
        } catch (java.text.ParseException e) {
            throw new OidcException("jwks_failed", "the key set at the jwks_uri is not a JSON Web Key Set");
        }
    }

    private String get(URI url, String code, String what) {
        HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, url);
        request.setAccept("application/json");
        ProviderHttpClient.Reply reply = http.send(request);
        if (reply instanceof ProviderHttpClient.Failed failed) {
            throw new OidcException(code, what + " could not be fetched (" + failed.code() + ")");
        }
        ProviderHttpClient.Answered answered = (ProviderHttpClient.Answered) reply;
        if (answered.status() != 200 || answered.body() == null) {
            throw new OidcException(code, what + " could not be fetched (HTTP " + answered.status()
                    + (answered.body() == null ? ", too large" : "") + ")");
        }
        return answered.body();
    }

    private URI endpoint(URI uri, String name) {
        if (uri == null) {
            if (name != null) {
                throw new OidcException("discovery_failed", "the discovery document has no " + name + " endpoint");
            }
            return null;
        }
        requireAllowed(uri, "the " + (name == null ? "revocation" : name) + " endpoint");
        return uri;
    }

    private void requireAllowed(URI uri, String what) {
        String scheme = uri.getScheme();
        boolean https = "https".equalsIgnoreCase(scheme);
        boolean http = "http".equalsIgnoreCase(scheme);
        if (uri.getHost() == null || !(https || (http && allowInsecureUrls))) {
            throw new OidcException("discovery_failed", what + " must be an absolute https URL");
        }
    }
}
