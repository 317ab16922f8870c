package com.credbroker.refresh.client;

/**
 * Sends token requests with the Nimbus SDK. Implementations never throw for provider behaviour: every
 * network or protocol failure comes back as a {@link TokenResult.Failure}. Thread-safe.
 */
public interface TokenClient {

    /** A refresh-token grant (RFC 6749 section 6) with the auth config's client authentication. */
    TokenResult refresh(TokenRequestSpec request);
}
