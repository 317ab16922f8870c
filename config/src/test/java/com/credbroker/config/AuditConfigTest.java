package com.credbroker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit and disk-space keys: defaults, values, and relations refused with every problem named. */
class AuditConfigTest {

    @Test
    void defaultsAggregatePerMinuteKeepEverythingAndWarnBelowOneGibibyte() {
        AuditConfig audit = ConfigLoader.load(Map.of()).audit();

        assertThat(audit).isEqualTo(AuditConfig.defaults());
        assertThat(audit).isEqualTo(new AuditConfig(Duration.ofMinutes(1), 1_000, 64 * AuditConfig.MIB,
                Duration.ofDays(1), Optional.empty(), Optional.empty(), 1024 * AuditConfig.MIB, 64 * AuditConfig.MIB));
        assertThat(audit.refusalWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(audit.retention()).isEmpty();
        assertThat(audit.diskLowBytes()).isEqualTo(1L << 30);
    }

    @Test
    void retentionAndBoundsAreRead() {
        AuditConfig audit = ConfigLoader.load(Map.of("CREDBROKER_AUDIT_RETENTION", "P90D",
                "CREDBROKER_AUDIT_MAX_BYTES", "1000000", "CREDBROKER_AUDIT_SEGMENT_BYTES", "100000",
                "CREDBROKER_AUDIT_REFUSAL_WINDOW", "PT10S")).audit();

        assertThat(audit.retention()).contains(Duration.ofDays(90));
        assertThat(audit.maxBytes()).isEqualTo(Optional.of(1_000_000L));
        assertThat(audit.refusalWindow()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void contradictoryBoundsAreRefusedTogether() {
        ConfigException problems = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "CREDBROKER_AUDIT_MAX_BYTES", "1000", "CREDBROKER_AUDIT_SEGMENT_BYTES", "1000",
                "CREDBROKER_DISK_MIN_BYTES", "10", "CREDBROKER_DISK_LOW_BYTES", "5",
                "CREDBROKER_AUDIT_RETENTION", "forever")));

        assertThat(problems.problems()).hasSize(3).anySatisfy(p -> assertThat(p).contains("CREDBROKER_AUDIT_MAX_BYTES"))
                .anySatisfy(p -> assertThat(p).contains("CREDBROKER_DISK_MIN_BYTES"))
                .anySatisfy(p -> assertThat(p).contains("CREDBROKER_AUDIT_RETENTION"));
    }
}
