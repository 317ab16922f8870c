package com.credbroker.refresh.client;

import com.credbroker.storage.authconfig.AuthConfig;

/**
 * One RFC 7009 revocation to send. {@code toString()} never shows the token.
 *
 * @param refreshToken  true: the token is a refresh token ({@code token_type_hint=refresh_token});
 *                      false: an access token
 */
public record RevocationSpec(AuthConfig authConfig, String token, boolean refreshToken) {
    @Override
    public String toString() {
        return "RevocationSpec[" + authConfig.authConfigId() + ", token=[REDACTED]]";
    }
}
