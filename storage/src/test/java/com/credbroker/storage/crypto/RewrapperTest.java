package com.credbroker.storage.crypto;

import static com.credbroker.storage.crypto.CryptoFixtures.RANDOM;
import static com.credbroker.storage.crypto.CryptoFixtures.migratedMemoryDb;
import static com.credbroker.storage.crypto.CryptoFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RewrapperTest {
    private final KeyringService keyring = service(migratedMemoryDb(), MasterKey.generate(RANDOM),
            KeyringService.DEFAULT_MAX_ENCRYPTIONS_PER_TERM);
    private final Cryptographer cryptographer = keyring.open();
    private final FakeTable table = new FakeTable();

    @Test
    void rewrapMovesEveryRowToTheActiveTermInBatches() {
        table.fill(cryptographer, 1_234);
        keyring.rotate();

        int moved;
        try (Rewrapper rewrapper = new Rewrapper(keyring, List.of(table), Duration.ofMinutes(1))) {
            moved = rewrapper.rewrapNow();
        }

        assertThat(moved).isEqualTo(1_234);
        assertThat(table.countBelowTerm(2)).isZero();
        assertThat(table.batchCalls).isEqualTo(4); // 500 + 500 + 234 + the empty one that says "done"
        table.rows.forEach((id, envelope) -> assertThat(cryptographer.open(envelope, "fake:" + id))
                .asString(StandardCharsets.UTF_8).isEqualTo("row " + id));
    }

    @Test
    void rewrapWithNothingBelowTheActiveTermMovesNothing() {
        table.fill(cryptographer, 10);

        try (Rewrapper rewrapper = new Rewrapper(keyring, List.of(table), Duration.ofMinutes(1))) {
            assertThat(rewrapper.rewrapNow()).isZero();
        }
    }

    @Test
    void startedRewrapperRunsOnItsSchedule() throws Exception {
        table.fill(cryptographer, 3);
        keyring.rotate();
        CountDownLatch done = new CountDownLatch(1);
        RewrapTarget signalling = new RewrapTarget() {
            @Override
            public String name() {
                return table.name();
            }

            @Override
            public int rewrapBatch(Cryptographer c, int limit) {
                int moved = table.rewrapBatch(c, limit);
                if (moved == 0) {
                    done.countDown();
                }
                return moved;
            }

            @Override
            public long countBelowTerm(int activeTerm) {
                return table.countBelowTerm(activeTerm);
            }
        };

        try (Rewrapper rewrapper = new Rewrapper(keyring, List.of(signalling), Duration.ofMillis(10))) {
            rewrapper.start();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(table.countBelowTerm(2)).isZero();
    }

    /** A table of sealed rows keyed by id, with AAD {@code fake:<id>}. */
    private static final class FakeTable implements RewrapTarget {
        final Map<Integer, byte[]> rows = new ConcurrentHashMap<>();
        int batchCalls;

        void fill(Cryptographer c, int count) {
            for (int id = 0; id < count; id++) {
                rows.put(id, c.seal(("row " + id).getBytes(StandardCharsets.UTF_8), "fake:" + id));
            }
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public int rewrapBatch(Cryptographer c, int limit) {
            batchCalls++;
            int active = c.keyring().activeTerm();
            List<Integer> stale = rows.entrySet().stream()
                    .filter(e -> Cryptographer.termOf(e.getValue()) < active)
                    .map(Map.Entry::getKey).limit(limit).toList();
            stale.forEach(id -> rows.put(id, c.seal(c.open(rows.get(id), "fake:" + id), "fake:" + id)));
            return stale.size();
        }

        @Override
        public long countBelowTerm(int activeTerm) {
            return rows.values().stream().filter(e -> Cryptographer.termOf(e) < activeTerm).count();
        }
    }
}
