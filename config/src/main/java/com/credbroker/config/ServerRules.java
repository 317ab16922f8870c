package com.credbroker.config;

import java.time.Duration;
import java.util.regex.Pattern;

/** The kinds of value of the listener keys that have rules of their own. */
final class ServerRules {
    /** Loose shape of an IPv4 or IPv6 literal; the listener refuses what does not resolve as one. */
    private static final Pattern ADDRESS = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3})|([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)");
    static final int MAX_CONNECTIONS_LIMIT = 1_000_000;
    private static final Duration MAX_HEADER_TIMEOUT = Duration.ofMinutes(10);

    private ServerRules() {
    }

    /** Positive, and at most ten minutes: a slow client should not hold a connection longer. */
    static ValueType<Duration> headerTimeout() {
        return ValueTypes.positiveDuration().check(timeout -> timeout.compareTo(MAX_HEADER_TIMEOUT) <= 0,
                "must be at most " + MAX_HEADER_TIMEOUT);
    }

    static ValueType<String> bindAddress() {
        return ValueTypes.text().check(bind -> bind.equals("localhost") || ADDRESS.matcher(bind).matches(),
                "must be an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost");
    }
}
