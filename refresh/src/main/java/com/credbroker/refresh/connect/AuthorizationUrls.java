package com.credbroker.refresh.connect;

import com.credbroker.refresh.provider.ResolvedProvider;
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
import java.util.Set;

/**
 * Builds authorization requests (RFC 6749 section 4.1.1) with the Nimbus SDK from a {@link ResolvedProvider}:
 * response type {@code code}, the provider's client ID and authorization endpoint, the scopes (the provider's
 * default scopes when none are named) joined with its scope separator (Slack, Linear and Figma want
 * commas) in its scope parameter ({@code scope}; Slack user tokens: {@code user_scope}), the broker's
 * callback as {@code redirect_uri}, a fresh random {@code state}, a PKCE S256 challenge
 * (RFC 7636) of a fresh random code verifier unless the provider's PKCE is {@link ResolvedProvider.Pkce#OFF off}
 * (then there is no verifier either), and the provider's extra authorization parameters (Google's
 * {@code access_type=offline}); an extra parameter never replaces one of those above. Both random values are
 * 256 bits from the injected {@link SecureRandom}, base64url without padding (43 characters). Thread-safe.
 */
public final class AuthorizationUrls {
    private static final int RANDOM_BYTES = 32;
    /** The parameters this class sets itself; a provider's extra parameter of the same name is not sent. */
    private static final Set<String> OWN = Set.of("response_type", "client_id", "redirect_uri", "state", "scope",
            "code_challenge", "code_challenge_method");

    private final SecureRandom random;

    public AuthorizationUrls(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @param scopes the scopes to request; null (none named) requests the provider's default scopes; an empty
     *               list (or no default scopes) sends no {@code scope} parameter
     * @throws IllegalArgumentException when the provider has no authorization endpoint
     */
    public AuthorizationStart start(ResolvedProvider provider, List<String> scopes, URI callback) {
        if (provider.authorizationEndpoint() == null) {
            throw new IllegalArgumentException("the auth config has no authorization endpoint");
        }
        String state = randomToken();
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(ResponseType.CODE,
                new ClientID(provider.clientId()))
                .endpointURI(provider.authorizationEndpoint())
                .redirectionURI(callback)
                .state(new State(state));
        String verifier = null;
        if (provider.pkce() != ResolvedProvider.Pkce.OFF) {
            verifier = randomToken();
            request.codeChallenge(new CodeVerifier(verifier), CodeChallengeMethod.S256);
        }
        List<String> requested = scopes == null ? provider.defaultScopes() : scopes;
        if (!requested.isEmpty()) {
            if (provider.scopeSeparator().equals(" ") && provider.scopeParam().equals("scope")) {
                request.scope(new Scope(requested.toArray(String[]::new)));
            } else {
                request.customParameter(provider.scopeParam(), String.join(provider.scopeSeparator(), requested));
            }
        }
        provider.authorizationParams().forEach((name, value) -> {
            if (!OWN.contains(name) && !name.equals(provider.scopeParam())) {
                request.customParameter(name, value);
            }
        });
        return new AuthorizationStart(request.build().toURI(), state, verifier);
    }

    private String randomToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
