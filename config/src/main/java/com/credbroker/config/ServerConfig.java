package com.credbroker.config;

import java.time.Duration;

/**
 * Limits of the HTTP listener and the management listener, a slice of {@link BrokerConfig}.
 * Keys and defaults: {@link ConfigTable}. Built by {@link ConfigLoader}; immutable. Nothing here is secret.
 *
 * @param maxConnections   open connections the API port holds at once;
 *                         beyond it the port stops accepting until one closes (clients wait in the backlog)
 * @param headerTimeout    a request's whole header block must arrive within this, however steadily its
 *                         bytes trickle in; the connection is closed
 *                         otherwise
 * @param managementPort   port of the management listener that serves {@code /metrics}
 * @param managementBind   address the management listener binds
 * @param accessLog        one log line per request on the API port
 */
public record ServerConfig(int maxConnections, Duration headerTimeout, int managementPort, String managementBind,
        boolean accessLog) {

    /** The built-in defaults of {@link ConfigTable}. */
    public static ServerConfig defaults() {
        return BrokerConfig.builder().build().server();
    }
}
