package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.ResolvedProvider;

/**
 * One refresh-token grant to send: the resolved provider (client, refresh endpoint, extra parameters,
 * request format, response shape) and the refresh token. {@code toString()} never shows the token.
 */
public record TokenRequestSpec(ResolvedProvider provider, String refreshToken) {
    @Override
    public String toString() {
        return "TokenRequestSpec[" + provider.authConfigId() + ", refreshToken=[REDACTED]]";
    }
}
