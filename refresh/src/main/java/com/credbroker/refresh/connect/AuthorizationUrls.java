package com.credbroker.refresh.connect;

import com.credbroker.storage.authconfig.AuthConfig;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Builds authorization requests (RFC 6749 section 4.1.1) with the Nimbus SDK: response type {@code code},
 * the auth config's client ID and authorization endpoint, the scopes, the broker's callback as
 * {@code redirect_uri}, a fresh random {@code state} and a PKCE S256 challenge (RFC 7636) of a fresh
 * random code verifier. Both random values are 256 bits from the injected {@link SecureRandom}, base64url
 * without padding (43 characters). Thread-safe.
 */
public final class AuthorizationUrls {
    private static final int RANDOM_BYTES = 32;

    private final SecureRandom random;

    public AuthorizationUrls(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @param scopes       the scopes to request; none sends no {@code scope} parameter
     * @throws IllegalArgumentException when the auth config has no authorization endpoint
     */
    public AuthorizationStart start(AuthConfig config, List<String> scopes, URI callback) {
        if (config.authorizationEndpoint() == null) {
            throw new IllegalArgumentException("the auth config has no authorization endpoint");
        }
        String state = randomToken();
        String verifier = randomToken();
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(ResponseType.CODE,
                new ClientID(config.clientId()))
                .endpointURI(config.authorizationEndpoint())
                .redirectionURI(callback)
                .state(new State(state))
                .codeChallenge(new CodeVerifier(verifier), CodeChallengeMethod.S256);
        if (!scopes.isEmpty()) {
            request.scope(new Scope(scopes.toArray(String[]::new)));
        }
        return new AuthorizationStart(request.build().toURI(), state, verifier);
    }

    private String randomToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
