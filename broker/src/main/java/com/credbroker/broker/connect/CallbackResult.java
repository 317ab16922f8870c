package com.credbroker.broker.connect;

import java.net.URI;

/** How a callback ended: the browser goes back to the connection's callback URL, or the state was refused. */
public sealed interface CallbackResult {

    /** The audit outcome of the callback: {@code connected}, or the error code (at most 32 characters). */
    String outcome();

    /** The connection concerned, when known. */
    String connectionId();

    /** The flow ended (ACTIVE or EXPIRED): redirect the browser to {@code location}. */
    record Redirect(URI location, String connectionId, String outcome) implements CallbackResult {
    }

    /** The flow ended but the connection has no usable callback URL (changed since): answered as JSON. */
    record Ended(String connectionId, String status, String error, String outcome) implements CallbackResult {
    }

    /** A wrong, expired-and-unknown or reused state: refused, nothing changed, no token request. */
    record Refused(String connectionId, String outcome) implements CallbackResult {
    }
}
