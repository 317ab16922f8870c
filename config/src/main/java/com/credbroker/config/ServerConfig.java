package com.credbroker.config;

import java.time.Duration;

/**
 * Limits of the HTTP listener and the management listener, part of {@link BrokerConfig}. Built by
 * {@link ConfigLoader}; immutable. Nothing here is secret.
 *
 * @param maxConnections   open connections the API port holds at once ({@code CREDBROKER_MAX_CONNECTIONS}, 512);
 *                         beyond it the port stops accepting until one closes (clients wait in the backlog)
 * @param headerTimeout    a request's whole header block must arrive within this, however steadily its
 *                         bytes trickle in ({@code CREDBROKER_HEADER_TIMEOUT}, PT15S); the connection is closed
 *                         otherwise
 * @param managementPort   port of the management listener that serves {@code /metrics}
 *                         ({@code CREDBROKER_MANAGEMENT_PORT}, 9464; 0 = random)
 * @param managementBind   address the management listener binds ({@code CREDBROKER_MANAGEMENT_BIND}, 127.0.0.1)
 * @param accessLog        one log line per request on the API port ({@code CREDBROKER_ACCESS_LOG}, true)
 */
public record ServerConfig(int maxConnections, Duration headerTimeout, int managementPort, String managementBind,
        boolean accessLog) {

    /** With the access log on, its default. */
    public ServerConfig(int maxConnections, Duration headerTimeout, int managementPort, String managementBind) {
        this(maxConnections, headerTimeout, managementPort, managementBind, true);
    }

    /** The built-in defaults, as documented on each component. */
    public static ServerConfig defaults() {
        return new ServerConfig(512, Duration.ofSeconds(15), 9464, "127.0.0.1", true);
    }

    public ServerConfig withManagementPort(int port) {
        return new ServerConfig(maxConnections, headerTimeout, port, managementBind, accessLog);
    }
}
