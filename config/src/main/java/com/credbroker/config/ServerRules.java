package com.credbroker.config;

import static com.credbroker.config.ConfigKey.ACCESS_LOG;
import static com.credbroker.config.ConfigKey.HEADER_TIMEOUT;
import static com.credbroker.config.ConfigKey.MANAGEMENT_BIND;
import static com.credbroker.config.ConfigKey.MANAGEMENT_PORT;
import static com.credbroker.config.ConfigKey.MAX_CONNECTIONS;

import java.time.Duration;
import java.util.regex.Pattern;

/** Parses the listener keys into a {@link ServerConfig}. */
final class ServerRules {
    /** Loose shape of an IPv4 or IPv6 literal; the listener refuses what does not resolve as one. */
    private static final Pattern ADDRESS = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3})|([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)");
    private static final int MAX_CONNECTIONS_LIMIT = 1_000_000;
    private static final Duration MAX_HEADER_TIMEOUT = Duration.ofMinutes(10);

    private ServerRules() {
    }

    static ServerConfig server(ValueParser parser, Problems problems) {
        Integer maxConnections = parser.intIn(MAX_CONNECTIONS, 1, MAX_CONNECTIONS_LIMIT);
        Duration headerTimeout = parser.positiveDuration(HEADER_TIMEOUT);
        if (headerTimeout != null && headerTimeout.compareTo(MAX_HEADER_TIMEOUT) > 0) {
            problems.add(HEADER_TIMEOUT.envName() + " must be at most " + MAX_HEADER_TIMEOUT);
        }
        Integer managementPort = parser.intIn(MANAGEMENT_PORT, 0, 65_535);
        String bind = parser.text(MANAGEMENT_BIND).orElse(null);
        if (bind != null && !bind.equals("localhost") && !ADDRESS.matcher(bind).matches()) {
            problems.add(MANAGEMENT_BIND.envName() + " must be an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost");
        }
        return new ServerConfig(maxConnections == null ? 0 : maxConnections, headerTimeout,
                managementPort == null ? 0 : managementPort, bind, !Boolean.FALSE.equals(parser.bool(ACCESS_LOG)));
    }

    /** The management listener cannot share the API port. */
    static void checkRelations(BrokerConfig config, Problems problems) {
        if (config.server().managementPort() != 0 && config.server().managementPort() == config.port()) {
            problems.add(MANAGEMENT_PORT.envName() + " must differ from " + ConfigKey.PORT.envName());
        }
    }
}
