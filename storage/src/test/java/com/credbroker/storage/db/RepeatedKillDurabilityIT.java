package com.credbroker.storage.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.testing.KillNine;
import com.credbroker.storage.testing.KillNineCheck;
import com.credbroker.storage.testing.KillNineWriter;
import com.credbroker.storage.testing.TestCrypto;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many {@code kill -9} cycles on one H2 file database: each cycle starts a writer process that opens the
 * database as the broker does (HikariCP, Flyway, the broker's H2 URL) where the previous one was killed (so it
 * first recovers it), reads a random number of acknowledged commits,
 * and kills the writer while it is in the middle of its next write. At the end every acknowledged write of
 * every cycle is present and decrypts to what was written.
 *
 * <p>{@code -Dcredbroker.durability.cycles=N} sets the cycles: 15 in the README's test command (the storage
 * pom), 250 under {@code -Psoak}, the long soak whose runs docs/RELIABILITY.md records; the seed is logged so a failing sequence can be replayed with {@code -Dcredbroker.durability.seed=S}.
 */
class RepeatedKillDurabilityIT {
    private static final Logger LOG = LoggerFactory.getLogger(RepeatedKillDurabilityIT.class);
    private static final int CYCLES = Integer.getInteger("credbroker.durability.cycles", 15);
    private static final List<String> FAST_JVM = List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-XX:+UseSerialGC", "-Xmx128m");

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void everyAcknowledgedWriteOfEveryKilledWriterSurvives() throws Exception {
        long seed = Long.getLong("credbroker.durability.seed", System.nanoTime());
        LOG.info("RepeatedKillDurabilityIT seed {}, cycles {}", seed, CYCLES);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] key = TestCrypto.randomKey();
        String base64Key = Base64.getEncoder().encodeToString(key);
        List<String> acked = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            int acks = 1 + random.nextInt(40);
            List<String> cycleAcks = KillNine.ackThenKill(FAST_JVM, KillNineWriter.class, acks, dataDir.toString(),
                    base64Key, "c" + cycle);
            assertThat(cycleAcks).as("cycle %d (seed %d) ended before its acks", cycle, seed).hasSize(acks);
            acked.addAll(cycleAcks);
        }

        try (Database reopened = TestDatabases.h2File(dataDir)) {
            assertThat(KillNineCheck.lost(reopened, key, acked))
                    .as("acknowledged writes lost, of %d (seed %d)", acked.size(), seed).isEmpty();
        }
        LOG.info("RepeatedKillDurabilityIT: {} kills, {} acknowledged writes present", CYCLES, acked.size());
    }
}
