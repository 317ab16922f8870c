package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.ResolvedProvider;
import java.net.URI;

/**
 * One authorization-code grant to send: the resolved provider, the code the provider handed the browser,
 * the redirect URI of the authorization request (repeated exactly, RFC 6749 section 4.1.3) and the PKCE
 * code verifier (null when the authorization request carried no challenge, which only a provider with
 * PKCE {@link ResolvedProvider.Pkce#OFF off} allows). {@code toString()} never shows the code or the verifier.
 */
public record CodeExchangeSpec(ResolvedProvider provider, String code, URI redirectUri, String codeVerifier) {
    @Override
    public String toString() {
        return "CodeExchangeSpec[" + provider.authConfigId() + ", code=[REDACTED], codeVerifier=[REDACTED]]";
    }
}
