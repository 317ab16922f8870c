package com.credbroker.refresh.client;

/** How a revocation request ended. */
public sealed interface RevocationResult {

    /** The provider confirmed (any 2xx; RFC 7009 answers 200 also for a token it did not know). */
    record Revoked(int httpStatus) implements RevocationResult {
    }

    /** Not confirmed: refused before sending (e.g. no revocation endpoint) or an error answer; sanitised. */
    record Failed(TokenResult.Failure failure) implements RevocationResult {
    }
}
