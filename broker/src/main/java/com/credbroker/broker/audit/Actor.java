package com.credbroker.broker.audit;

/**
 * Who acts, as the audit trail records it: the API key ({@code key_…}; null for the broker itself or an
 * unauthenticated caller) and the request ID (null for background work).
 */
public record Actor(String keyId, String requestId) {

    /** The broker's own background work: no key, no request. */
    public static Actor broker() {
        return new Actor(null, null);
    }

    /** An unauthenticated request (the OAuth callback): no key, its request ID. */
    public static Actor anonymous(String requestId) {
        return new Actor(null, requestId);
    }
}
