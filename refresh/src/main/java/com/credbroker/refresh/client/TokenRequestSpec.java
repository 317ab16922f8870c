package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.ResolvedProvider;
import java.net.URI;

/**
 * One refresh-token grant to send: the resolved provider (client, refresh endpoint, extra parameters,
 * request format, response shape), the refresh token, and the {@code redirect_uri} the connection's code
 * exchange used (null when unknown), sent again only to a provider with {@code refresh_redirect_uri}.
 * {@code toString()} never shows the token.
 */
public record TokenRequestSpec(ResolvedProvider provider, String refreshToken, URI redirectUri) {

    /** Without a redirect URI. */
    public TokenRequestSpec(ResolvedProvider provider, String refreshToken) {
        this(provider, refreshToken, null);
    }

    @Override
    public String toString() {
        return "TokenRequestSpec[" + provider.authConfigId() + ", refreshToken=[REDACTED]]";
    }
}
