package com.credbroker.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.credbroker.storage.credential.Page;
import com.credbroker.storage.db.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The audit log contract on segment files, plus tampering with, tearing and rotating the files. */
class FileAuditLogTest extends AuditLogContract {
    @TempDir
    Path dataDir;

    @Override
    protected AuditLog openAuditLog() {
        return new FileAuditLog(dataDir);
    }

    @Test
    void verifyReportsTheSeqOfATamperedLine() throws Exception {
        appendSome(10);
        editLines(segment(1), lines -> lines.set(3, lines.get(3).replace("\"success\"", "\"denied\"")));
        assertThat(audit.verify()).isEqualTo(new AuditVerification(false, 3, 4L));
    }

    @Test
    void verifyDetectsADeletedLineAndATruncatedTail() throws Exception {
        appendSome(5);
        editLines(segment(1), lines -> lines.remove(4));
        assertThat(audit.verify().firstBrokenSeq()).isEqualTo(5);
        editLines(segment(1), lines -> lines.remove(1));
        assertThat(audit.verify().firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    void verifyDetectsReorderedAndMalformedLines() throws Exception {
        appendSome(5);
        editLines(segment(1), lines -> Collections.swap(lines, 2, 3));
        assertThat(audit.verify().firstBrokenSeq()).isEqualTo(3);
        editLines(segment(1), lines -> {
            Collections.swap(lines, 2, 3);
            lines.set(1, "{\"seq\":2,");
        });
        assertThat(audit.verify().firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    void unusualTextRoundTripsThroughALineAndVerifies() {
        AuditEntry odd = new AuditEntry(clock.instant(), "key_\"quoted\"", "credential.read", "conn\n\u2028\uD800x",
                "success", "r\\é\u0000");
        AuditRecord stored = audit.append(odd).join();
        reopen(FileAuditLog.DEFAULT_SEGMENT_BYTES);
        assertThat(audit.list(null, 1, null).items()).containsExactly(stored);
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 1, null));
    }

    @Test
    void theChainContinuesAfterReopening() {
        List<AuditRecord> before = appendSome(3);
        reopen(FileAuditLog.DEFAULT_SEGMENT_BYTES);
        AuditRecord next = audit.append(entry("conn-1", "after")).join();
        assertThat(next.seq()).isEqualTo(4);
        assertThat(next.prevHash()).isEqualTo(before.get(2).hash());
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 4, null));
        assertThat(audit.list(null, 10, null).items()).extracting(AuditRecord::seq).containsExactly(4L, 3L, 2L, 1L);
    }

    @Test
    void aTornLastLineIsTruncatedOnReopenWithAWarning() throws Exception {
        appendSome(3);
        audit.close();
        long intact = Files.size(segment(1));
        byte[] torn = "{\"seq\":4,\"at\":\"2025-11".getBytes(StandardCharsets.UTF_8);
        Files.write(segment(1), torn, StandardOpenOption.APPEND);
        List<ILoggingEvent> warnings = capturingWarnings(() -> audit = new FileAuditLog(dataDir));
        assertThat(Files.size(segment(1))).isEqualTo(intact);
        assertThat(warnings).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains(torn.length + " bytes").doesNotContain("2025-11");
        assertThat(audit.append(entry("conn-1", "after")).join().seq()).isEqualTo(4);
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 4, null));
    }

    @Test
    void rotatedSegmentsKeepListingAndVerificationWhole() throws Exception {
        reopen(700); // about two records per segment
        appendSome(9);
        assertThat(segments()).hasSizeGreaterThanOrEqualTo(4);
        List<Long> seqs = new ArrayList<>();
        String cursor = null;
        do {
            Page<AuditRecord> page = audit.list(null, 2, cursor);
            page.items().forEach(record -> seqs.add(record.seq()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seqs).containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(audit.list("conn-0", 10, null).items()).extracting(AuditRecord::seq).containsExactly(7L, 4L, 1L);
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 9, null));
        reopen(700);
        assertThat(audit.append(entry("conn-1", "after")).join().seq()).isEqualTo(10);
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 10, null));
    }

    @Test
    void verifyDetectsASegmentDeletedInTheMiddle() throws Exception {
        reopen(700);
        appendSome(9);
        Path second = segments().get(1);
        long firstMissing = SegmentLines.read(second).record(0).seq();
        Files.delete(second);
        assertThat(audit.verify().firstBrokenSeq()).isEqualTo(firstMissing);
    }

    @Test
    void aWriteFailureFailsTheBatchAndTheLogRecoversOnceTheCauseIsGone() throws Exception {
        reopen(1); // every batch after the first goes to a new segment
        AuditRecord first = audit.append(entry("conn-1", "ok")).join();
        Path squatter = Files.createDirectory(dataDir.resolve("audit").resolve("audit-000002.log"));
        assertThatThrownBy(() -> audit.append(entry("conn-1", "lost")).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StorageException.class).hasMessageContaining("audit records could not be written");
        Files.delete(squatter);
        AuditRecord next = audit.append(entry("conn-1", "after")).join();
        assertThat(next.seq()).isEqualTo(2);
        assertThat(next.prevHash()).isEqualTo(first.hash());
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 2, null));
    }

    @Test
    void theDirectoryIsOwnerOnlyAndSoIsEveryFile() throws Exception {
        reopen(700);
        appendSome(5);
        Path dir = dataDir.resolve("audit");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).hasSizeGreaterThan(2).allSatisfy(file -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
        }
    }

    @Test
    void aSecondLogOnTheSameDirectoryIsRefused() {
        assertThatThrownBy(() -> new FileAuditLog(dataDir)).isInstanceOf(StorageException.class)
                .hasMessageContaining("in use");
    }

    private List<AuditRecord> appendSome(int count) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(audit.append(entry("conn-" + (i % 3), "r" + i)).join());
        }
        return records;
    }

    private void reopen(long segmentBytes) {
        audit.close();
        audit = new FileAuditLog(dataDir, segmentBytes, false);
    }

    private Path segment(int number) {
        return dataDir.resolve("audit").resolve(String.format("audit-%06d.log", number));
    }

    private List<Path> segments() throws IOException {
        return new AuditSegments(dataDir).list();
    }

    private interface LinesEdit {
        void apply(List<String> lines);
    }

    private static void editLines(Path segment, LinesEdit edit) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(segment, StandardCharsets.UTF_8));
        edit.apply(lines);
        Files.write(segment, lines, StandardCharsets.UTF_8);
    }

    private static List<ILoggingEvent> capturingWarnings(Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(SegmentRecovery.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            action.run();
        } finally {
            logger.detachAppender(events);
        }
        return events.list;
    }
}
