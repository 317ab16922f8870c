package com.credbroker.broker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.audit.AuditEntry;
import com.credbroker.storage.audit.RefusalCount;
import com.credbroker.storage.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting refusals per client, reason and window, with bounded memory. */
class RefusalAggregatorTest {
    static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");

    final MutableClock clock = new MutableClock(T0);
    final RefusalAggregator refusals = new RefusalAggregator(clock, Duration.ofMinutes(1), 3);

    @Test
    void oneRecordPerClientAndReasonWithCountAndFirstAndLastTime() {
        for (int i = 0; i < 100; i++) {
            refusals.refused("10.0.0.1", "credential.read", "conn_a", "unauthenticated");
            clock.advance(Duration.ofMillis(100));
        }
        refusals.refused("10.0.0.2", "credential.read", "conn_a", "unauthenticated");
        assertThat(refusals.flushDue()).isEmpty();

        clock.advance(Duration.ofSeconds(60));
        List<AuditEntry> records = refusals.flushDue();

        assertThat(records).extracting(AuditEntry::refusals).containsExactly(
                new RefusalCount("10.0.0.1", 100, T0, T0.plusMillis(9_900)),
                new RefusalCount("10.0.0.2", 1, T0.plusSeconds(10), T0.plusSeconds(10)));
        assertThat(records).allSatisfy(record -> {
            assertThat(record.keyId()).isNull();
            assertThat(record.connectionId()).isEqualTo("conn_a");
            assertThat(record.at()).isEqualTo(T0.plusSeconds(70));
        });
        assertThat(refusals.flushAll()).isEmpty();
    }

    @Test
    void aRefusalAfterTheWindowReturnsTheEndedWindowAndStartsANewOne() {
        refusals.refused("10.0.0.1", "credential.read", "conn_a", "unauthenticated");
        refusals.refused("10.0.0.1", "credential.read", "conn_b", "unauthenticated");
        clock.advance(Duration.ofMinutes(2));

        List<AuditEntry> ended = refusals.refused("10.0.0.1", "credential.read", "conn_a", "unauthenticated");

        assertThat(ended).singleElement().satisfies(record -> {
            assertThat(record.refusals().count()).isEqualTo(2);
            assertThat(record.connectionId()).as("refusals named two connections").isNull();
        });
        assertThat(refusals.flushAll()).singleElement()
                .satisfies(record -> assertThat(record.refusals().count()).isEqualTo(1));
    }

    @Test
    void clientsBeyondTheBoundShareOneOverflowRecord() {
        for (int client = 0; client < 1_000; client++) {
            refusals.refused("10.0." + client / 256 + "." + client % 256, "credential.read", null, "unauthenticated");
        }

        List<AuditEntry> records = refusals.flushAll();

        assertThat(records).hasSize(4);
        assertThat(records.get(3).action()).isEqualTo("refusal.overflow");
        assertThat(records.get(3).refusals().client()).isEqualTo("*");
        assertThat(records.get(3).refusals().count()).isEqualTo(997);
        assertThat(records).extracting(record -> record.refusals().count()).containsExactly(1L, 1L, 1L, 997L);
    }
}
