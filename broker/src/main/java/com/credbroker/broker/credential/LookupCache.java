package com.credbroker.broker.credential;

import com.credbroker.refresh.engine.RefreshDue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Ready lookup responses by connection ID. An entry lives at most {@code ttl} and never past its
 * token's expiry; every write to a connection invalidates it. A refreshable token's entry ends when the
 * token enters the read-time refresh skew, so that the next lookup refreshes it; inside the skew (a
 * refresh that is backing off) an entry lives at most one second.
 */
public final class LookupCache {
    private final Cache<String, ReadyResponse> cache;

    private static final Duration INSIDE_SKEW = Duration.ofSeconds(1);

    public LookupCache(long maxEntries, Duration ttl, Duration skew, Clock clock) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(Expiry.<String, ReadyResponse>writing((key, ready) -> lifetime(ready, ttl, skew, clock)))
                .build();
    }

    private static Duration lifetime(ReadyResponse ready, Duration ttl, Duration skew, Clock clock) {
        if (ready.expiresAt() == null) {
            return ttl;
        }
        Duration untilExpiry = Duration.between(clock.instant(), ready.expiresAt());
        if (untilExpiry.isNegative() || untilExpiry.isZero()) {
            return Duration.ZERO;
        }
        if (!ready.refreshable()) {
            return min(untilExpiry, ttl);
        }
        Duration untilRefresh = Duration.between(clock.instant(), RefreshDue.dueAt(ready.expiresAt(), skew));
        return untilRefresh.isNegative() || untilRefresh.isZero() ? min(untilExpiry, INSIDE_SKEW)
                : min(untilRefresh, ttl);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The cached response, or null. */
    public ReadyResponse getIfPresent(String connectionId) {
        return cache.getIfPresent(connectionId);
    }

    /** The cached response, loading it when absent; null when the loader finds nothing. */
    public ReadyResponse get(String connectionId, Function<String, ReadyResponse> loader) {
        return cache.get(connectionId, loader);
    }

    public void invalidate(String connectionId) {
        cache.invalidate(connectionId);
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    public long size() {
        return cache.estimatedSize();
    }
}
