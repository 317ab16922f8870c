package com.credbroker.broker.credential;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * Ready lookup responses by connection ID. An entry lives at most {@code ttl} and never past its
 * token's expiry; every write to a connection invalidates it.
 */
public final class LookupCache {
    private final Cache<String, ReadyResponse> cache;

    public LookupCache(long maxEntries, Duration ttl, Clock clock) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(Expiry.<String, ReadyResponse>writing((key, ready) -> lifetime(ready, ttl, clock)))
                .build();
    }

    private static Duration lifetime(ReadyResponse ready, Duration ttl, Clock clock) {
        if (ready.expiresAt() == null) {
            return ttl;
        }
        Duration untilExpiry = Duration.between(clock.instant(), ready.expiresAt());
        if (untilExpiry.isNegative()) {
            return Duration.ZERO;
        }
        return untilExpiry.compareTo(ttl) < 0 ? untilExpiry : ttl;
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
