package com.credbroker.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.testing.KillNine;
import com.credbroker.storage.testing.KillNineAuditWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every audit record acknowledged before {@code kill -9} is present after a restart, and the chain verifies. */
class FileAuditLogDurabilityIT {
    private static final int ACKS_BEFORE_KILL = 200;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void acknowledgedRecordsSurviveKillNine() throws Exception {
        Set<Long> acked = new HashSet<>();
        KillNine.ackThenKill(KillNineAuditWriter.class, ACKS_BEFORE_KILL, dataDir.toString())
                .forEach(seq -> acked.add(Long.parseLong(seq)));
        assertThat(acked).hasSize(ACKS_BEFORE_KILL);

        try (FileAuditLog reopened = new FileAuditLog(dataDir)) {
            AuditVerification verification = reopened.verify();
            assertThat(verification.intact()).isTrue();
            Set<Long> stored = new HashSet<>();
            reopened.list(null, (int) verification.recordsChecked(), null).items()
                    .forEach(record -> stored.add(record.seq()));
            assertThat(stored).containsAll(acked);
            long next = reopened.append(new AuditEntry(Instant.now(), null, "audit.reopen", null,
                    "success", null)).join().seq();
            assertThat(next).isEqualTo(verification.recordsChecked() + 1);
            assertThat(reopened.verify().intact()).isTrue();
        }
    }
}
