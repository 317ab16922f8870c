package com.credbroker.refresh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshDueTest {
    private static final Instant NOW = Instant.parse("2025-11-15T10:30:00Z");
    private static final Duration LEAD = Duration.ofSeconds(30);

    @Test
    void aTokenIsDueFromItsExpiryMinusTheLeadOnAndOneWithoutExpiryNever() {
        assertThat(RefreshDue.isDue(NOW.plusSeconds(31), NOW, LEAD)).isFalse();
        assertThat(RefreshDue.isDue(NOW.plusSeconds(30), NOW, LEAD)).isTrue();
        assertThat(RefreshDue.isDue(NOW.minusSeconds(5), NOW, LEAD)).isTrue();
        assertThat(RefreshDue.isDue(null, NOW, LEAD)).isFalse();
        assertThat(RefreshDue.dueAt(null, LEAD)).isNull();
    }

    @Test
    void theScanBoundAndTheReadTimeRuleAgree() {
        Instant expiresAt = NOW.plusSeconds(90);
        Instant dueAt = RefreshDue.dueAt(expiresAt, LEAD);

        // the scan claims rows with expires_at <= dueBefore(now, lead)
        assertThat(!expiresAt.isAfter(RefreshDue.dueBefore(dueAt, LEAD))).isTrue();
        assertThat(RefreshDue.isDue(expiresAt, dueAt, LEAD)).isTrue();
        assertThat(RefreshDue.isDue(expiresAt, dueAt.minusMillis(1), LEAD)).isFalse();
        assertThat(!expiresAt.isAfter(RefreshDue.dueBefore(dueAt.minusMillis(1), LEAD))).isFalse();
    }
}
