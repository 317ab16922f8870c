package com.credbroker.refresh.connect;

import java.net.URI;

/**
 * A started authorization: where to send the user's browser, and the two secrets it depends on. The state
 * is returned to the broker's callback by the provider; the code verifier proves, at the code exchange, that
 * the exchange comes from whoever started the authorization (PKCE S256); it is null when the provider's PKCE
 * is off. {@code toString()} shows
 * neither (nor the URL, which carries the state).
 */
public record AuthorizationStart(URI redirectUrl, String state, String codeVerifier) {
    @Override
    public String toString() {
        return "AuthorizationStart[values=[REDACTED]]";
    }
}
