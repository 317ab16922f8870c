package com.credbroker.refresh.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.parse(" 120 ", CLOCK)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void readsZeroSeconds() {
        assertThat(RetryAfter.parse("0", CLOCK)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsImfFixdateRelativeToTheClock() {
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:01:00 GMT", CLOCK)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void readsObsoleteRfc850Date() {
        assertThat(RetryAfter.parse("Thursday, 01-Jan-26 00:00:10 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsAsctimeDate() {
        assertThat(RetryAfter.parse("Thu Jan  1 00:00:05 2026", CLOCK)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void pastDateMeansNoWait() {
        assertThat(RetryAfter.parse("Wed, 31 Dec 2025 23:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "12 s", "99999999999999999999999", "Thu, 01 Jan 2026"})
    void unparseableValueIsNull(String value) {
        assertThat(RetryAfter.parse(value, CLOCK)).isNull();
    }
}
