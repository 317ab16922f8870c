package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.ResolvedProvider;

/**
 * One RFC 7009 revocation to send to the resolved provider's revocation endpoint. {@code toString()}
 * never shows the token.
 *
 * @param refreshToken  true: the token is a refresh token ({@code token_type_hint=refresh_token});
 *                      false: an access token
 */
public record RevocationSpec(ResolvedProvider provider, String token, boolean refreshToken) {
    @Override
    public String toString() {
        return "RevocationSpec[" + provider.authConfigId() + ", token=[REDACTED]]";
    }
}
