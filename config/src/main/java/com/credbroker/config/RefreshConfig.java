package com.credbroker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Token refresh settings, a slice of {@link BrokerConfig}. Keys and defaults: {@link ConfigTable}.
 * Built by {@link ConfigLoader}, which checks the relations between them ({@link ConfigRelations}: the lease
 * outlives one token request; the backoff cap is not below its base; the default lifetime is not above the
 * maximum).
 *
 * @param window                  refresh tokens expiring within this
 * @param interval                scan interval
 * @param skew                    a lookup refreshes a token expiring within this
 * @param allowInsecureTokenUrls  allow plain-http token endpoints
 * @param maxInFlight             refreshes in flight at once
 * @param maxPerAuthConfig        in flight per auth config
 * @param batchSize               connections claimed per scan query
 * @param jitter                  a scheduled refresh starts up to this late, at random
 * @param defaultLifetime         lifetime of a token whose response has no {@code expires_in}
 * @param maxLifetime             longer {@code expires_in} values are clamped to this
 * @param backoffBase             first retry delay after a transient failure
 * @param backoffCap              longest retry delay
 * @param connectTimeout          token endpoint connect timeout
 * @param readTimeout             token endpoint response timeout
 * @param lease                   how long a claimed refresh holds its connection
 * @param maxResponseBytes        largest token response read
 * @param providersFile           the operator's provider templates (a JSON file or a directory of them)
 */
public record RefreshConfig(
        Duration window,
        Duration interval,
        Duration skew,
        boolean allowInsecureTokenUrls,
        int maxInFlight,
        int maxPerAuthConfig,
        int batchSize,
        Duration jitter,
        Duration defaultLifetime,
        Duration maxLifetime,
        Duration backoffBase,
        Duration backoffCap,
        Duration connectTimeout,
        Duration readTimeout,
        Duration lease,
        int maxResponseBytes,
        Optional<Path> providersFile) {

    /** The built-in defaults of {@link ConfigTable}. */
    public static RefreshConfig defaults() {
        return BrokerConfig.builder().build().refresh();
    }

    /**
     * How long a token from a token response lives: its {@code expires_in}, or {@link #defaultLifetime()}
     * when the provider sent none, never longer than {@link #maxLifetime()}.
     */
    public Duration tokenLifetime(Long expiresInSeconds) {
        Duration lifetime = expiresInSeconds == null ? defaultLifetime : Duration.ofSeconds(expiresInSeconds);
        return lifetime.compareTo(maxLifetime) <= 0 ? lifetime : maxLifetime;
    }
}
