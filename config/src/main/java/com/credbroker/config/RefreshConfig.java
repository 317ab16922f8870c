package com.credbroker.config;

import java.time.Duration;

/**
 * Token refresh settings, part of {@link BrokerConfig}. Built by {@link ConfigLoader}, which checks
 * the relations between them (the lease outlives one token request; the backoff cap is not below
 * its base; the default lifetime is not above the maximum).
 *
 * @param window                  refresh tokens expiring within this ({@code CREDBROKER_REFRESH_WINDOW}, PT5M)
 * @param interval                scan interval ({@code CREDBROKER_REFRESH_INTERVAL}, PT30S)
 * @param skew                    a lookup refreshes a token expiring within this ({@code CREDBROKER_REFRESH_SKEW}, PT30S)
 * @param allowInsecureTokenUrls  allow plain-http token endpoints ({@code CREDBROKER_ALLOW_INSECURE_TOKEN_URLS})
 * @param maxInFlight             refreshes in flight at once ({@code CREDBROKER_REFRESH_MAX_IN_FLIGHT}, 64)
 * @param maxPerAuthConfig        in flight per auth config ({@code CREDBROKER_REFRESH_MAX_PER_AUTH_CONFIG}, 16)
 * @param batchSize               connections claimed per scan query ({@code CREDBROKER_REFRESH_BATCH_SIZE}, 256)
 * @param jitter                  a scheduled refresh starts up to this late, at random ({@code CREDBROKER_REFRESH_JITTER}, PT2S)
 * @param defaultLifetime         lifetime of a token whose response has no {@code expires_in}
 *                                ({@code CREDBROKER_REFRESH_DEFAULT_LIFETIME}, PT1H)
 * @param maxLifetime             longer {@code expires_in} values are clamped to this
 *                                ({@code CREDBROKER_REFRESH_MAX_LIFETIME}, P365D)
 * @param backoffBase             first retry delay after a transient failure ({@code CREDBROKER_REFRESH_BACKOFF_BASE}, PT5S)
 * @param backoffCap              longest retry delay ({@code CREDBROKER_REFRESH_BACKOFF_CAP}, PT15M)
 * @param connectTimeout          token endpoint connect timeout ({@code CREDBROKER_TOKEN_CONNECT_TIMEOUT}, PT5S)
 * @param readTimeout             token endpoint response timeout ({@code CREDBROKER_TOKEN_READ_TIMEOUT}, PT15S)
 * @param lease                   how long a claimed refresh holds its connection ({@code CREDBROKER_REFRESH_LEASE}, PT2M)
 * @param maxResponseBytes        largest token response read ({@code CREDBROKER_TOKEN_MAX_RESPONSE_BYTES}, 65536)
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
        int maxResponseBytes) {

    /** The built-in defaults, as documented on each component. */
    public static RefreshConfig defaults() {
        return new RefreshConfig(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), false, 64, 16,
                256, Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofDays(365), Duration.ofSeconds(5),
                Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMinutes(2), 65_536);
    }

    /**
     * How long a token from a token response lives: its {@code expires_in}, or {@link #defaultLifetime()}
     * when the provider sent none, never longer than {@link #maxLifetime()}.
     */
    public Duration tokenLifetime(Long expiresInSeconds) {
        Duration lifetime = expiresInSeconds == null ? defaultLifetime : Duration.ofSeconds(expiresInSeconds);
        return lifetime.compareTo(maxLifetime) <= 0 ? lifetime : maxLifetime;
    }

    public RefreshConfig withAllowInsecureTokenUrls(boolean allow) {
        return new RefreshConfig(window, interval, skew, allow, maxInFlight, maxPerAuthConfig, batchSize, jitter,
                defaultLifetime, maxLifetime, backoffBase, backoffCap, connectTimeout, readTimeout, lease,
                maxResponseBytes);
    }

    public RefreshConfig withConcurrency(int inFlight, int perAuthConfig, Duration jitterBound) {
        return new RefreshConfig(window, interval, skew, allowInsecureTokenUrls, inFlight, perAuthConfig, batchSize,
                jitterBound, defaultLifetime, maxLifetime, backoffBase, backoffCap, connectTimeout, readTimeout, lease,
                maxResponseBytes);
    }

    public RefreshConfig withTimeouts(Duration connect, Duration read, Duration leaseTime) {
        return new RefreshConfig(window, interval, skew, allowInsecureTokenUrls, maxInFlight, maxPerAuthConfig,
                batchSize, jitter, defaultLifetime, maxLifetime, backoffBase, backoffCap, connect, read, leaseTime,
                maxResponseBytes);
    }
}
