package com.credbroker.broker.http;

import java.time.Duration;

/**
 * Connection-level limits of the HTTP server. {@code idleTimeout}: a connection that sends or receives
 * nothing for this long is closed, whatever state its request is in (a client trickling or stalling its
 * headers is cut off; header parsing never holds a worker thread meanwhile).
 */
public record HttpLimits(Duration idleTimeout) {
    /** What the broker runs with: Jetty's usual 30 s. */
    public static final HttpLimits DEFAULTS = new HttpLimits(Duration.ofSeconds(30));
}
