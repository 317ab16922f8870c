package com.credbroker.refresh.crashpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A crash point is armed only by the system property and the environment variable together. */
class CrashPointTest {

    @Test
    void nothingIsArmedWithoutBothThePropertyAndThePointName() {
        assertThat(CrashPoint.armed(null, "request_sent")).isEmpty();
        assertThat(CrashPoint.armed("true", "request_sent")).isEmpty();
        assertThat(CrashPoint.armed("enabled", null)).isEmpty();
    }

    @Test
    void thePropertyAndTheEnvironmentNameOneOrSeveralPoints() {
        assertThat(CrashPoint.armed("enabled", "request_sent")).containsExactly(CrashPoint.REQUEST_SENT);
        assertThat(CrashPoint.armed("enabled", "lease_taken, COMMITTED"))
                .containsExactly(CrashPoint.LEASE_TAKEN, CrashPoint.COMMITTED);
        assertThatThrownBy(() -> CrashPoint.armed("enabled", "nowhere")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTestJvmHasNoArmedPointSoReachingOneReturns() {
        for (CrashPoint point : CrashPoint.values()) {
            point.reach();
        }
        assertThat(CrashPoint.LEASE_TAKEN.wireName()).isEqualTo("lease_taken");
    }
}
