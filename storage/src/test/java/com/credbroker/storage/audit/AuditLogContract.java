package com.credbroker.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.credential.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviours every hash-chained, group-committed audit log shares. Subclasses open the store
 * and add their store-specific tampering and failure tests.
 */
abstract class AuditLogContract {
    protected final Clock clock = Clock.fixed(Instant.parse("2025-11-15T10:30:00.123456789Z"), ZoneOffset.UTC);
    protected AuditLog audit;

    protected abstract AuditLog openAuditLog() throws Exception;

    /** Releases whatever the store needs besides the log (a database); called after the log is closed. */
    protected void closeStore() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        audit = openAuditLog();
    }

    @AfterEach
    void closeAll() throws Exception {
        audit.close();
        closeStore();
    }

    protected AuditEntry entry(String connectionId, String requestId) {
        return new AuditEntry(clock.instant(), "key_1", "credential.read", connectionId, "success", requestId);
    }

    @Test
    void anAggregatedRefusalRecordKeepsItsCountAndTimesAndIsChained() {
        Instant first = Instant.parse("2025-11-15T10:29:00.000001Z");
        AuditEntry refusals = new AuditEntry(clock.instant(), null, "credential.read", "conn-r", "unauthenticated",
                null, new RefusalCount("127.0.0.1", 480, first, first.plusSeconds(59)));
        audit.append(entry("conn-1", "r1")).join();
        AuditRecord stored = audit.append(refusals).join();

        AuditRecord listed = audit.list(null, 1, null).items().get(0);

        assertThat(listed).isEqualTo(stored);
        assertThat(listed.entry().refusals()).isEqualTo(refusals.refusals());
        assertThat(audit.bounds()).isEqualTo(new ChainBounds(1, "0".repeat(64), 2, stored.hash()));
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 2, null));
    }

    @Test
    void aRecordKeepsItsTargetAndIsChained() {
        audit.append(entry("conn-1", "r1")).join();
        AuditRecord stored = audit.append(new AuditEntry(clock.instant(), "key_1", "key.revoke", null, "success",
                "r2").withTarget("key_0123456789abcdef")).join();

        AuditRecord listed = audit.list(null, 1, null).items().get(0);

        assertThat(listed).isEqualTo(stored);
        assertThat(listed.entry().targetId()).isEqualTo("key_0123456789abcdef");
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 2, null));
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
    void listRejectsAMalformedCursor() {
        audit.append(entry("conn-1", "r")).join();
        assertThatThrownBy(() -> audit.list(null, 10, "not a cursor!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audit.list(null, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listRejectsADecodableCursorItDidNotIssue() {
        audit.append(entry("conn-1", "r")).join();
        audit.append(entry("conn-1", "r")).join();
        String issued = audit.list(null, 1, null).nextCursor();
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        for (String text : List.of("0", "-1", "+2", "02", "2 ", "cred_x")) {
            String cursor = base64.encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThatThrownBy(() -> audit.list(null, 10, cursor)).as(text)
                    .isInstanceOf(com.credbroker.storage.db.InvalidCursorException.class);
        }
        assertThatThrownBy(() -> audit.list(null, 10, issued + "==")).isInstanceOf(IllegalArgumentException.class);
        assertThat(audit.list(null, 10, issued).items()).hasSize(1);
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
}
