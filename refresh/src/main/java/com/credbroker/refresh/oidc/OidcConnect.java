package com.credbroker.refresh.oidc;

import com.credbroker.refresh.client.TokenSet;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.connect.StateHash;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The OpenID Connect steps of a connect flow, in the order the flow takes them: {@link #complete} the
 * provider from its issuer's discovery document; {@link #start} an authorization (a random {@code nonce}
 * for an OpenID request); {@link #checkCallbackIssuer} (RFC 9207) before the code is exchanged; and, after
 * the exchange, {@link #account}: the ID token validated ({@link IdTokenVerifier}) before anything is
 * stored, and the account named by it or by the identity endpoint ({@link IdentityClient}). Thread-safe.
 */
public final class OidcConnect {
    private static final int NONCE_BYTES = 32;

    private final OidcDiscovery discovery;
    private final IdTokenVerifier verifier;
    private final IdentityClient identity;
    private final SecureRandom random;

    public OidcConnect(OidcDiscovery discovery, IdTokenVerifier verifier, IdentityClient identity,
            SecureRandom random) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** An authorization request: where the browser goes, and the nonce's hash to keep (null: no nonce). */
    public record Start(URI redirectUrl, String nonceHash) {
        @Override
        public String toString() {
            return "Start[values=[REDACTED]]";
        }
    }

    /** An OpenID request: the provider has an issuer, or {@code openid} is among the requested scopes. */
    public static boolean isOpenId(ResolvedProvider provider, List<String> scopes) {
        return provider.issuer() != null || scopes.contains("openid");
    }

    /** See {@link OidcDiscovery#complete}. @throws OidcException when discovery fails */
    public ResolvedProvider complete(ResolvedProvider provider) {
        return discovery.complete(provider);
    }

    /**
     * {@code authorizationUrl} with a fresh random {@code nonce} (256 bits, base64url) when the request is an
     * OpenID one, else as it is.
     */
    public Start start(ResolvedProvider provider, List<String> scopes, URI authorizationUrl) {
        if (!isOpenId(provider, scopes)) {
            return new Start(authorizationUrl, null);
        }
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String url = authorizationUrl.toString();
        String separator = authorizationUrl.getRawQuery() == null ? "?" : "&";
        return new Start(URI.create(url + separator + "nonce=" + URLEncoder.encode(nonce, StandardCharsets.UTF_8)),
                StateHash.of(nonce));
    }

    /**
     * RFC 9207: a callback's {@code iss} must be the provider's issuer; an issuer whose discovery document
     * says it always sends {@code iss} must have sent it. Without a configured issuer there is nothing to
     * compare with, and {@code iss} is not used.
     *
     * @throws OidcException {@code issuer_mismatch}
     */
    public void checkCallbackIssuer(ResolvedProvider provider, String iss) {
        if (provider.issuer() == null) {
            return;
        }
        if (iss == null) {
            if (discovery.metadata(provider.issuer()).supportsAuthorizationResponseIssuerParam()) {
                throw new OidcException("issuer_mismatch", "the callback lacks the iss parameter its issuer sends");
            }
            return;
        }
        if (!iss.equals(provider.issuer().toString())) {
            throw new OidcException("issuer_mismatch", "the callback's iss parameter names another issuer");
        }
    }

    /**
     * The account of a code exchange's tokens. An ID token from a provider with an issuer is validated first
     * (a refusal throws, and the connection must not become ACTIVE) and names the account ({@code sub},
     * {@code email}); without one (or without an issuer to check it against, when it is not trusted) the
     * identity endpoint is asked, whose failure leaves the account unknown.
     *
     * @param nonceHash the hash kept with the authorization, or null when the request sent no nonce
     * @throws OidcException when the ID token does not hold
     */
    public AccountIdentity account(ResolvedProvider provider, TokenSet tokens, String nonceHash) {
        if (provider.issuer() != null && tokens.idToken() != null) {
            AccountIdentity fromToken = verifier.verify(provider, tokens.idToken(), nonceHash);
            if (fromToken.accountEmail() != null || provider.identity() == null) {
                return fromToken;
            }
            AccountIdentity asked = identity.identify(provider, tokens);
            return new AccountIdentity(fromToken.accountId(), asked.accountEmail());
        }
        return identity.identify(provider, tokens);
    }
}
