package com.credbroker.refresh.client;

/**
 * Revokes a token at the auth config's RFC 7009 revocation endpoint with the Nimbus SDK. Never throws for
 * provider behaviour. Thread-safe.
 */
public interface RevocationClient {

    /** Asks the provider to revoke the token; the answer says whether it confirmed (2xx) or why not. */
    RevocationResult revoke(RevocationSpec request);
}
