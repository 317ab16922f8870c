package com.credbroker.config;

import static com.credbroker.config.ConfigKey.*;


/** Parses the refresh keys into a {@link RefreshConfig} and checks the relations between them. */
final class RefreshRules {
    private static final int MAX_CONCURRENCY = 10_000;

    private RefreshRules() {
    }

    static RefreshConfig refresh(ValueParser parser, Problems problems) {
        RefreshConfig config = new RefreshConfig(
                parser.positiveDuration(REFRESH_WINDOW),
                parser.positiveDuration(REFRESH_INTERVAL),
                parser.nonNegativeDuration(REFRESH_SKEW),
                Boolean.TRUE.equals(parser.bool(ALLOW_INSECURE_TOKEN_URLS)),
                orZero(parser.intIn(REFRESH_MAX_IN_FLIGHT, 1, MAX_CONCURRENCY)),
                orZero(parser.intIn(REFRESH_MAX_PER_AUTH_CONFIG, 1, MAX_CONCURRENCY)),
                orZero(parser.intIn(REFRESH_BATCH_SIZE, 1, MAX_CONCURRENCY)),
                parser.nonNegativeDuration(REFRESH_JITTER),
                parser.positiveDuration(REFRESH_DEFAULT_LIFETIME),
                parser.positiveDuration(REFRESH_MAX_LIFETIME),
                parser.positiveDuration(REFRESH_BACKOFF_BASE),
                parser.positiveDuration(REFRESH_BACKOFF_CAP),
                parser.positiveDuration(TOKEN_CONNECT_TIMEOUT),
                parser.positiveDuration(TOKEN_READ_TIMEOUT),
                parser.positiveDuration(REFRESH_LEASE),
                orZero(parser.intIn(TOKEN_MAX_RESPONSE_BYTES, 1024, 16 * 1024 * 1024)));
        checkRelations(config, problems);
        return config;
    }

    private static void checkRelations(RefreshConfig c, Problems problems) {
        if (c.lease() != null && c.connectTimeout() != null && c.readTimeout() != null
                && c.lease().compareTo(c.connectTimeout().plus(c.readTimeout()).multipliedBy(2)) < 0) {
            problems.add(REFRESH_LEASE.envName() + " must be at least twice " + TOKEN_CONNECT_TIMEOUT.envName()
                    + " + " + TOKEN_READ_TIMEOUT.envName() + ": a lease must outlive the token request");
        }
        if (c.backoffBase() != null && c.backoffCap() != null && c.backoffCap().compareTo(c.backoffBase()) < 0) {
            problems.add(REFRESH_BACKOFF_CAP.envName() + " must not be shorter than " + REFRESH_BACKOFF_BASE.envName());
        }
        if (c.defaultLifetime() != null && c.maxLifetime() != null
                && c.defaultLifetime().compareTo(c.maxLifetime()) > 0) {
            problems.add(REFRESH_DEFAULT_LIFETIME.envName() + " must not be longer than "
                    + REFRESH_MAX_LIFETIME.envName());
        }
        if (c.maxPerAuthConfig() > c.maxInFlight() && c.maxInFlight() > 0) {
            problems.add(REFRESH_MAX_PER_AUTH_CONFIG.envName() + " must not exceed " + REFRESH_MAX_IN_FLIGHT.envName());
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

}
