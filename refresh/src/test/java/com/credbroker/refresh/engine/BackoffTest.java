package com.credbroker.refresh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15), new SplittableRandom(7));

    @Test
    void ceilingDoublesPerFailureUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void delaysAreSpreadOverTheWholeRangeAboveTheFloor() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long millis = backoff.delay(4).toMillis();
            min = Math.min(min, millis);
            max = Math.max(max, millis);
        }
        assertThat(min).isBetween(1_000L, 2_000L);
        assertThat(max).isBetween(40_000L, 41_000L);
    }
}
