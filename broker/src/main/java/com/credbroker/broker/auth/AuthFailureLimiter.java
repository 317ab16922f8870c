package com.credbroker.broker.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down clients that keep failing authentication: past {@code limit} failures within a window,
 * further failures from that client get 429. A valid key is never refused by this limiter.
 */
public final class AuthFailureLimiter {
    public static final Duration WINDOW = Duration.ofMinutes(1);

    private final int limit;
    private final Cache<String, AtomicInteger> failures;

    public AuthFailureLimiter(int limit, Clock clock) {
        this.limit = limit;
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.failures = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(WINDOW)
                .maximumSize(100_000)
                .build();
    }

    /** Records one failure; returns true when the client is now over the limit. */
    public boolean recordFailure(String client) {
        return failures.get(client, c -> new AtomicInteger()).incrementAndGet() > limit;
    }

    public long retryAfterSeconds() {
        return WINDOW.toSeconds();
    }
}
