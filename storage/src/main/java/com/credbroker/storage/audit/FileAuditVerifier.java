package com.credbroker.storage.audit;

import com.credbroker.storage.audit.AuditLines.MalformedLineException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Recomputes a {@link FileAuditLog}'s chain across all segments, oldest first, from the first record
 * kept (retention may have deleted older segments; {@link CheckpointedAuditLog} checks where the trail
 * may start): every line parses,
 * every seq follows the previous one (so a deleted, reordered or inserted line, or a segment missing
 * in the middle, shows), every {@code prev_hash} is the previous {@code hash}, every {@code hash}
 * matches its recomputation, and the chain reaches the head the writer last acknowledged (so a
 * truncated tail shows while the log is open). A partial last line of the newest segment is a write
 * in progress and is ignored; anywhere else it is damage. Not thread-safe: one instance per run.
 */
final class FileAuditVerifier {
    private final AuditChain chain = new AuditChain();
    private final ChainHead head;
    private long expected = 1;
    private String prev = AuditChain.GENESIS;
    private boolean started;

    private FileAuditVerifier(ChainHead head) {
        this.head = head;
    }

    static AuditVerification verify(List<Path> segments, ChainHead head) throws IOException {
        return new FileAuditVerifier(head).run(segments);
    }

    private AuditVerification run(List<Path> segments) throws IOException {
        for (int i = 0; i < segments.size(); i++) {
            SegmentLines lines = SegmentLines.read(segments.get(i));
            for (int line = 0; line < lines.count(); line++) {
                Long broken = check(lines, line);
                if (broken != null) {
                    return new AuditVerification(false, expected - 1, broken);
                }
            }
            if (lines.trailingBytes() > 0 && i < segments.size() - 1) {
                return new AuditVerification(false, expected - 1, expected);
            }
        }
        if (expected - 1 < head.seq()) {
            return new AuditVerification(false, expected - 1, expected);
        }
        return new AuditVerification(true, expected - 1, null);
    }

    /** The seq where the chain breaks at this line, or null when the line extends it. */
    private Long check(SegmentLines lines, int line) {
        AuditRecord record;
        try {
            record = lines.record(line);
        } catch (MalformedLineException e) {
            return expected;
        }
        if (!started && record.seq() > 1) {
            // retention deleted the records before it; the checkpoint's anchor says whether that was all
            expected = record.seq();
            prev = record.prevHash();
        }
        started = true;
        if (record.seq() != expected) {
            return Math.min(expected, record.seq());
        }
        if (!prev.equals(record.prevHash()) || !chain.hash(prev, record.seq(), record.entry()).equals(record.hash())
                || (record.seq() == head.seq() && !record.hash().equals(head.hash()))) {
            return record.seq();
        }
        prev = record.hash();
        expected++;
        return null;
    }
}
