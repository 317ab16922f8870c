package com.credbroker.refresh.client;

/**
 * Exchanges an authorization code for tokens with the Nimbus SDK. Never throws for provider behaviour:
 * every network or protocol failure comes back as a {@link TokenResult.Failure}. Thread-safe.
 */
public interface AuthorizationCodeClient {

    /** An authorization-code grant with PKCE (RFC 6749 section 4.1.3, RFC 7636) and the config's client auth. */
    TokenResult exchange(CodeExchangeSpec request);
}
