package com.credbroker.refresh.client;

/** Why a token request did not produce tokens; decides what the refresher does next. */
public enum FailureClass {
    /** {@code invalid_grant}: the refresh token (or code) is dead. Final for the connection. */
    INVALID_GRANT,
    /** {@code invalid_client}, {@code unauthorized_client}, or a 401: the app's client is rejected. */
    INVALID_CLIENT,
    /** 429: wait at least {@code retryAfter}. */
    RATE_LIMITED,
    /** 5xx, timeouts, connection errors: retry with backoff. */
    TRANSIENT,
    /** A 2xx that is not a usable token response (HTML, empty, missing or invalid fields). */
    BAD_RESPONSE,
    /** Another OAuth error (e.g. {@code invalid_scope}, {@code invalid_request}): retry with backoff. */
    REJECTED
}
