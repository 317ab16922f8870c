package com.credbroker.refresh.oidc;

import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.connect.StateHash;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Validates the ID token of a code exchange (OpenID Connect Core 1.0 section 3.1.3.7) before a connection
 * becomes ACTIVE. Nimbus's {@link IDTokenValidator} checks the signature against the issuer's JWKS (from
 * {@link OidcDiscovery}, fetched again once when the token names a key the cached set lacks), {@code iss}
 * and {@code aud} (the client ID, and {@code azp} when there are several audiences); this class checks the
 * times against the injected clock with {@code skew} (Nimbus reads the system clock, so its own time check
 * is switched off), and the {@code nonce} against the hash stored with the authorization. Only asymmetric
 * algorithms the issuer announces are accepted (never {@code none} or a MAC). Refusals never quote the token.
 * Thread-safe.
 */
public final class IdTokenVerifier {
    /** Nimbus's own time check, out of the way: times are checked here with the injected clock. */
    private static final int NO_NIMBUS_TIME_CHECK = Integer.MAX_VALUE; // seconds (68 years)
    private static final String INVALID = "id_token_invalid";

    private final OidcDiscovery discovery;
    private final Clock clock;
    private final Duration skew;

    public IdTokenVerifier(OidcDiscovery discovery, Clock clock, Duration skew) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
    }

    /**
     * @param expectedNonceHash SHA-256 hex of the nonce the authorization request sent, or null when none was
     * @return the account the token names ({@code sub}, {@code email})
     * @throws OidcException {@code id_token_invalid} (or a discovery code) when the token does not hold
     */
    public AccountIdentity verify(ResolvedProvider provider, String idToken, String expectedNonceHash) {
        URI issuer = Objects.requireNonNull(provider.issuer(), "issuer");
        OIDCProviderMetadata metadata = discovery.metadata(issuer);
        if (metadata.getJWKSetURI() == null) {
            throw new OidcException(INVALID, "the issuer publishes no jwks_uri to check the ID token with");
        }
        SignedJWT jwt = signed(idToken);
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!allowed(metadata).contains(algorithm)) {
            throw new OidcException(INVALID, "the ID token is signed with an algorithm the issuer does not announce");
        }
        JWKSet keys = discovery.keys(metadata.getJWKSetURI(), false);
        String keyId = jwt.getHeader().getKeyID();
        if (keyId != null && keys.getKeyByKeyId(keyId) == null) {
            keys = discovery.keys(metadata.getJWKSetURI(), true); // the issuer may have rotated its keys
        }
        IDTokenClaimsSet claims = validated(provider, issuer, jwt, algorithm, keys);
        checkTimes(claims);
        checkNonce(claims, expectedNonceHash);
        return new AccountIdentity(claims.getSubject().getValue(), claims.getStringClaim("email"));
    }

    private static SignedJWT signed(String idToken) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(idToken);
        } catch (ParseException e) {
            throw new OidcException(INVALID, "the ID token is not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new OidcException(INVALID, "the ID token is not signed");
        }
        return signed;
    }

    private static List<JWSAlgorithm> allowed(OIDCProviderMetadata metadata) {
        List<JWSAlgorithm> announced = metadata.getIDTokenJWSAlgs() == null ? List.of(JWSAlgorithm.RS256)
                : metadata.getIDTokenJWSAlgs();
        return announced.stream().filter(a -> JWSAlgorithm.Family.RSA.contains(a)
                || JWSAlgorithm.Family.EC.contains(a) || JWSAlgorithm.Family.ED.contains(a)).toList();
    }

    private static IDTokenClaimsSet validated(ResolvedProvider provider, URI issuer, SignedJWT jwt,
            JWSAlgorithm algorithm, JWKSet keys) {
        IDTokenValidator validator = new IDTokenValidator(new Issuer(issuer.toString()),
                new ClientID(provider.clientId()),
                new JWSVerificationKeySelector<SecurityContext>(algorithm, new ImmutableJWKSet<>(keys)), null);
        validator.setMaxClockSkew(NO_NIMBUS_TIME_CHECK);
        try {
            return validator.validate(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new OidcException(INVALID, "the ID token was refused: " + why(e.getMessage()));
        }
    }

    /** Nimbus's refusal in our words (its messages may quote claim values). */
    private static String why(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("issuer")) {
            return "it names another issuer";
        }
        if (m.contains("audience") || m.contains("azp") || m.contains("authorized party")) {
            return "it is not meant for this client (aud)";
        }
        if (m.contains("signature") || m.contains("key")) {
            return "its signature does not verify with the issuer's keys";
        }
        return "its claims are invalid";
    }

    private void checkTimes(IDTokenClaimsSet claims) {
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().plus(skew).isAfter(now)) {
            throw new OidcException(INVALID, "the ID token was refused: it has expired");
        }
        if (claims.getIssueTime() == null || claims.getIssueTime().toInstant().minus(skew).isAfter(now)) {
            throw new OidcException(INVALID, "the ID token was refused: it is issued in the future");
        }
    }

    private static void checkNonce(IDTokenClaimsSet claims, String expectedNonceHash) {
        if (expectedNonceHash == null) {
            return;
        }
        if (claims.getNonce() == null) {
            throw new OidcException(INVALID, "the ID token was refused: it carries no nonce");
        }
        byte[] got = StateHash.of(claims.getNonce().getValue()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(got, expectedNonceHash.getBytes(StandardCharsets.US_ASCII))) {
            throw new OidcException(INVALID, "the ID token was refused: its nonce is not the one the request sent");
        }
    }
}
