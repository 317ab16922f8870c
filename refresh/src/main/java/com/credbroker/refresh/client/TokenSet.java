package com.credbroker.refresh.client;

import java.util.Map;

/**
 * Tokens from a successful token response, already validated. {@code toString()} never shows a value.
 *
 * @param refreshToken      null when the provider did not send one (the old one is kept)
 * @param scope             null when the provider did not send one
 * @param expiresInSeconds  null when the provider did not send {@code expires_in}; otherwise 1 .. 10 years
 * @param idToken           null unless the provider sent an OpenID Connect ID token
 * @param extras            other top-level response parameters (never the fields above)
 */
public record TokenSet(
        String accessToken,
        String refreshToken,
        String tokenType,
        String scope,
        Long expiresInSeconds,
        String idToken,
        Map<String, Object> extras) {

    public TokenSet {
        extras = extras == null ? Map.of() : Map.copyOf(extras);
    }

    @Override
    public String toString() {
        return "TokenSet[tokenType=" + tokenType + ", expiresIn=" + expiresInSeconds + ", refreshToken="
                + (refreshToken == null ? "absent" : "present") + ", values=[REDACTED]]";
    }
}
