package com.credbroker.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.Keyring;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trail in segment files checkpointed in the database (as the embedded broker keeps it): cut tails, an
 * emptied trail, a rewritten head and a tampered checkpoint are reported; an intact trail and segments
 * deleted by retention are not.
 */
class CheckpointedAuditLogIT {
    static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");

    @TempDir
    Path dataDir;
    @TempDir
    Path dbDir;
    Database database;
    Cryptographer cryptographer;
    CheckpointedAuditLog audit;

    @BeforeEach
    void open() {
        database = TestDatabases.h2File(dbDir);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        cryptographer = new Cryptographer(Keyring.of(Map.of(1, key)), new SecureRandom(), new BouncyCastleProvider());
    }

    @AfterEach
    void close() {
        if (audit != null) {
            audit.close();
        }
        database.close();
    }

    private CheckpointedAuditLog reopen(FileAuditLog.Options options) {
        if (audit != null) {
            audit.close();
        }
        AuditCheckpointer checkpointer = new AuditCheckpointer(
                new JdbcAuditCheckpointStore(database.dataSource(), cryptographer));
        audit = new CheckpointedAuditLog(new FileAuditLog(dataDir, options, checkpointer), checkpointer);
        return audit;
    }

    private CheckpointedAuditLog reopen() {
        return reopen(FileAuditLog.Options.DEFAULTS);
    }

    private void append(int count, int from) {
        for (int i = 0; i < count; i++) {
            audit.append(new AuditEntry(T0.plusSeconds(from + i), "key_x", "credential.read", "conn_" + i, "success",
                    "req_" + i)).join();
        }
    }

    @Test
    void anIntactTrailMatchesItsCheckpointAcrossRestarts() {
        reopen();
        append(213, 0);

        assertThat(reopen().shortened()).isEmpty();
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 213, null));
    }

    @Test
    void cuttingTheLast63Of213RecordsIsReportedAtOpenAndByVerify() throws Exception {
        reopen();
        append(213, 0);
        audit.close();
        audit = null;
        Path segment = segments().get(0);
        List<String> lines = Files.readAllLines(segment);
        Files.write(segment, lines.subList(0, 150));

        reopen();

        String expected = "trail ends at record 150 but the checkpoint says 213: 63 records missing";
        assertThat(audit.shortened()).contains(expected);
        assertThat(audit.verify()).isEqualTo(new AuditVerification(false, 150, null, expected));
    }

    @Test
    void anEmptiedTrailIsReported() throws Exception {
        reopen();
        append(213, 0);
        audit.close();
        audit = null;
        Files.write(segments().get(0), new byte[0]);

        reopen();

        assertThat(audit.shortened())
                .contains("the trail is empty but the checkpoint says 213: 213 records missing");
        assertThat(audit.verify().intact()).isFalse();
    }

    @Test
    void aTailCutAndRewrittenLongerIsReportedByVerify() throws Exception {
        reopen();
        append(213, 0);
        audit.close();
        audit = null;
        Path segment = segments().get(0);
        Files.write(segment, Files.readAllLines(segment).subList(0, 150));
        try (FileAuditLog forger = new FileAuditLog(dataDir)) { // a valid chain needs no key: anyone can extend it
            for (int i = 0; i < 70; i++) {
                forger.append(new AuditEntry(T0.plusSeconds(1_000 + i), null, "forged", null, "success", null)).join();
            }
        }

        reopen();

        assertThat(audit.verify().problem())
                .isEqualTo("record 213 is not the one the checkpoint names: the trail was rewritten from there on");
    }

    @Test
    void aTamperedCheckpointIsRefused() throws Exception {
        reopen();
        append(10, 0);
        audit.close();
        audit = null;
        try (var connection = database.dataSource().getConnection();
             var update = connection.prepareStatement(
                     "UPDATE audit_checkpoint SET sealed = ? WHERE id = 1")) {
            byte[] sealed = SealedCheckpoint.seal(cryptographer, new AuditCheckpoint(5, AuditChain.GENESIS, 0,
                    AuditChain.GENESIS));
            sealed[sealed.length - 1] ^= 1;
            update.setBytes(1, sealed);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        assertThatThrownBy(this::reopen).isInstanceOf(CheckpointInvalidException.class)
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void segmentsDeletedByRetentionAreNotMissingButOnesDeletedByHandAre() throws Exception {
        FileAuditLog.Options small = new FileAuditLog.Options(2_000, null, false, Optional.of(Duration.ofHours(1)),
                Optional.empty());
        reopen(small);
        append(40, 0);
        append(40, 7_200); // two hours later: rotations prune the segments whose records are all older than 1 h

        reopen(small);
        long firstKept = audit.bounds().firstSeq();
        assertThat(firstKept).isGreaterThan(30);
        assertThat(audit.shortened()).isEmpty();
        assertThat(audit.verify().intact()).isTrue();

        audit.close();
        audit = null;
        Files.delete(segments().get(0));
        reopen(small);
        assertThat(audit.shortened().orElseThrow()).startsWith("trail starts at record ")
                .contains("but retention deleted only up to record " + (firstKept - 1));
    }

    @Test
    void anOperatorCanAcceptAShortenedTrailAndTheAcceptanceIsRecorded() throws Exception {
        reopen();
        append(20, 0);
        audit.close();
        audit = null;
        Files.write(segments().get(0), Files.readAllLines(segments().get(0)).subList(0, 12));
        reopen();
        assertThat(audit.missingAtEnd()).isEqualTo(8);

        AuditRecord accepted = audit.acceptShortened(new AuditEntry(T0, "cli:op", "audit.accept_truncation", null,
                "missing:8", null));

        assertThat(accepted.seq()).isEqualTo(13);
        assertThat(reopen().shortened()).isEmpty();
        assertThat(audit.verify().intact()).isTrue();
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("audit"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }
}
