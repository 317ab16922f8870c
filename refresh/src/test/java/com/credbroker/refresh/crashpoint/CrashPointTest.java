package com.credbroker.refresh.crashpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash point is armed only by the system property and the environment variable together. */
class CrashPointTest {
    @TempDir
    Path markers;

    @Test
    void nothingIsArmedWithoutBothThePropertyAndThePointName() {
        assertThat(CrashPoints.armed(null, "request_sent")).isEmpty();
        assertThat(CrashPoints.armed("true", "request_sent")).isEmpty();
        assertThat(CrashPoints.armed("enabled", null)).isEmpty();
        assertThat(CrashPoints.of(null, "request_sent", markers.toString())).isSameAs(FaultHook.NONE);
    }

    @Test
    void thePropertyAndTheEnvironmentNameOneOrSeveralPoints() {
        assertThat(CrashPoints.armed("enabled", "request_sent")).containsExactly(CrashPoint.REQUEST_SENT);
        assertThat(CrashPoints.armed("enabled", "lease_taken, COMMITTED"))
                .containsExactly(CrashPoint.LEASE_TAKEN, CrashPoint.COMMITTED);
        assertThatThrownBy(() -> CrashPoints.armed("enabled", "nowhere")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnarmedPointReturnsAndLeavesNoMarker() throws Exception {
        FaultHook hook = CrashPoints.of("enabled", "committed", markers.toString());
        for (CrashPoint point : CrashPoint.values()) {
            if (point != CrashPoint.COMMITTED) {
                hook.reach(point);
                FaultHook.NONE.reach(point);
            }
        }
        assertThat(Files.list(markers)).isEmpty();
        assertThat(CrashPoint.LEASE_TAKEN.wireName()).isEqualTo("lease_taken");
    }
}
