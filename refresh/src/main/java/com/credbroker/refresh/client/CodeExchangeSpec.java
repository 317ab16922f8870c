package com.credbroker.refresh.client;

import com.credbroker.storage.authconfig.AuthConfig;
import java.net.URI;

/**
 * One authorization-code grant to send: the app's client, the code the provider handed the browser, the
 * redirect URI of the authorization request (repeated exactly, RFC 6749 section 4.1.3) and the PKCE
 * code verifier. {@code toString()} never shows the code or the verifier.
 */
public record CodeExchangeSpec(AuthConfig authConfig, String code, URI redirectUri, String codeVerifier) {
    @Override
    public String toString() {
        return "CodeExchangeSpec[" + authConfig.authConfigId() + ", code=[REDACTED], codeVerifier=[REDACTED]]";
    }
}
