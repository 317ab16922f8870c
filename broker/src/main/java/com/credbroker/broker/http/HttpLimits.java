package com.credbroker.broker.http;

import com.credbroker.config.ServerConfig;
import java.time.Duration;

/**
 * Connection-level limits of the HTTP server. {@code idleTimeout}: a connection that sends or receives
 * nothing for this long is closed, whatever state its request is in. {@code maxConnections}: open
 * connections held at once; beyond it the port stops accepting until one closes. {@code headerTimeout}:
 * a request's whole header block must arrive within this, however steadily it trickles in (the idle
 * timeout alone restarts with every byte); see {@link HeaderDeadline}.
 */
public record HttpLimits(Duration idleTimeout, int maxConnections, Duration headerTimeout) {
    /** What the broker runs with by default: Jetty's usual 30 s idle timeout and {@link ServerConfig#defaults()}. */
    public static final HttpLimits DEFAULTS = of(ServerConfig.defaults());

    /** With the given idle timeout and the default connection cap and header deadline. */
    public HttpLimits(Duration idleTimeout) {
        this(idleTimeout, ServerConfig.defaults().maxConnections(), ServerConfig.defaults().headerTimeout());
    }

    /** The configured limits, with the 30 s idle timeout. */
    public static HttpLimits of(ServerConfig server) {
        return new HttpLimits(Duration.ofSeconds(30), server.maxConnections(), server.headerTimeout());
    }
}
