package com.credbroker.refresh.engine;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after the n-th consecutive failure the next attempt waits a
 * uniformly random time in {@code [0, min(cap, base * 2^(n-1))]}, never less than a small floor so a
 * failing connection cannot spin.
 */
final class Backoff {
    static final Duration FLOOR = Duration.ofSeconds(1);

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The delay after {@code failures} consecutive failures (1 = the first). */
    Duration delay(int failures) {
        return FLOOR.plusMillis(random.nextLong(ceiling(failures).toMillis() + 1));
    }

    /** The upper bound of {@link #delay} for this many failures, without the floor. */
    Duration ceiling(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        long millis = base.toMillis() << doublings;
        return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
    }
}
