package com.credbroker.refresh.client;

import com.credbroker.storage.authconfig.AuthConfig;

/**
 * One refresh-token grant to send: the app's client and the refresh token. {@code toString()} never
 * shows the token.
 */
public record TokenRequestSpec(AuthConfig authConfig, String refreshToken) {
    @Override
    public String toString() {
        return "TokenRequestSpec[" + authConfig.authConfigId() + ", refreshToken=[REDACTED]]";
    }
}
