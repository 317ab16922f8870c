package com.credbroker.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.credential.Page;
import com.credbroker.storage.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviours of the hash-chained, group-committed audit log. Subclasses supply the database. */
abstract class AuditLogContract {
    private final Clock clock = Clock.fixed(Instant.parse("2025-11-15T10:30:00.123456789Z"), ZoneOffset.UTC);
    protected Database database;
    protected JdbcAuditLog audit;

    protected abstract Database openDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = openDatabase();
        audit = new JdbcAuditLog(database.dataSource());
    }

    @AfterEach
    void closeAll() {
        audit.close();
        database.close();
    }

    private AuditEntry entry(String connectionId, String requestId) {
        return new AuditEntry(clock.instant(), "key_1", "credential.read", connectionId, "success", requestId);
    }

    @Test
    void appendsChainFromGenesisAndVerify() {
        AuditRecord first = audit.append(entry("conn-1", "r1")).join();
        AuditRecord second = audit.append(entry("conn-2", "r2")).join();
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo("0".repeat(64));
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(first.entry().at()).isEqualTo(Instant.parse("2025-11-15T10:30:00.123456Z"));
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 2, null));
    }

    @Test
    void manyConcurrentAppendsAllCompleteAndTheChainVerifies() throws Exception {
        int clients = 64;
        int perClient = 200;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<CompletableFuture<List<AuditRecord>>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String connection = "conn-" + c;
            work.add(CompletableFuture.supplyAsync(() -> {
                List<AuditRecord> mine = new ArrayList<>();
                for (int i = 0; i < perClient; i++) {
                    mine.add(audit.append(entry(connection, "r" + i)).join());
                }
                return mine;
            }, pool));
        }
        Set<Long> seqs = new HashSet<>();
        for (CompletableFuture<List<AuditRecord>> w : work) {
            w.join().forEach(record -> seqs.add(record.seq()));
        }
        pool.shutdown();
        assertThat(seqs).hasSize(clients * perClient);
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, clients * perClient, null));
    }

    @Test
    void verifyReportsTheFirstTamperedRecord() throws Exception {
        for (int i = 0; i < 10; i++) {
            audit.append(entry("conn-1", "r" + i)).join();
        }
        execute("UPDATE audit_log SET outcome = 'denied' WHERE seq = 4");
        AuditVerification verification = audit.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(4);
    }

    @Test
    void verifyDetectsADeletedRecordAndATruncatedTail() throws Exception {
        for (int i = 0; i < 5; i++) {
            audit.append(entry("conn-1", "r" + i)).join();
        }
        execute("DELETE FROM audit_log WHERE seq = 5");
        assertThat(audit.verify().firstBrokenSeq()).isEqualTo(5);
        execute("DELETE FROM audit_log WHERE seq = 2");
        assertThat(audit.verify().firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    void listsNewestFirstByConnectionWithACursor() {
        for (int i = 0; i < 7; i++) {
            audit.append(entry(i % 2 == 0 ? "conn-a" : "conn-b", "r" + i)).join();
        }
        Page<AuditRecord> first = audit.list("conn-a", 3, null);
        assertThat(first.items()).extracting(AuditRecord::seq).containsExactly(7L, 5L, 3L);
        Page<AuditRecord> second = audit.list("conn-a", 3, first.nextCursor());
        assertThat(second.items()).extracting(AuditRecord::seq).containsExactly(1L);
        assertThat(second.nextCursor()).isNull();
        assertThat(audit.list(null, 100, null).items()).hasSize(7);
    }

    @Test
    void aFailingDatabaseFailsTheFutures() {
        audit.append(entry("conn-1", "ok")).join();
        database.close();
        CompletableFuture<AuditRecord> failed = audit.append(entry("conn-1", "lost"));
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                .hasMessageContaining("audit records could not be written");
    }

    @Test
    void anInvalidEntryFailsAloneAndAClosedLogRefuses() {
        CompletableFuture<AuditRecord> tooLong = audit.append(
                new AuditEntry(clock.instant(), null, "x".repeat(65), null, "success", null));
        AuditRecord fine = audit.append(entry("conn-1", "r")).join();
        assertThat(tooLong).isCompletedExceptionally();
        assertThat(fine.seq()).isEqualTo(1);
        audit.close();
        assertThat(audit.append(entry("conn-1", "late"))).isCompletedExceptionally();
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
