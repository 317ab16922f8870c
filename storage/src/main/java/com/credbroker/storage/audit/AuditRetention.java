package com.credbroker.storage.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the oldest closed segments of a {@link FileAuditLog}: those whose records are all older than
 * the retention period (known from the next segment's first record), and more while the segments
 * together exceed the byte bound. The segment being written is never deleted. Before anything is
 * deleted, the checkpoint's anchor moves to the last deleted record ({@link AuditCheckpointer#anchor}),
 * so verification knows where the kept trail legitimately starts. Runs on the writer thread.
 *
 * @param maxAge   keep segments with a record younger than this; empty: no age limit
 * @param maxBytes keep the segments within this many bytes; empty: no size limit
 */
record AuditRetention(Optional<Duration> maxAge, Optional<Long> maxBytes) {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);
    static final AuditRetention KEEP_ALL = new AuditRetention(Optional.empty(), Optional.empty());

    boolean keepsAll() {
        return maxAge.isEmpty() && maxBytes.isEmpty();
    }

    /** Prunes as the limits say at time {@code now}; {@code anchors} may be null (no checkpoint kept). */
    void prune(AuditSegments segments, Instant now, AuditCheckpointer anchors) throws IOException {
        if (keepsAll()) {
            return;
        }
        List<Path> files = segments.list();
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        int delete = 0;
        while (delete < files.size() - 1) {
            Optional<AuditRecord> nextFirst = SegmentLines.first(files.get(delete + 1));
            boolean expired = maxAge.isPresent() && nextFirst.isPresent()
                    && nextFirst.get().entry().at().isBefore(now.minus(maxAge.get()));
            boolean over = maxBytes.isPresent() && total > maxBytes.get();
            if (nextFirst.isEmpty() || !(expired || over)) {
                break;
            }
            total -= Files.size(files.get(delete));
            delete++;
        }
        if (delete == 0) {
            return;
        }
        AuditRecord firstKept = SegmentLines.first(files.get(delete)).orElseThrow();
        if (anchors != null) {
            anchors.anchor(firstKept.seq() - 1, firstKept.prevHash());
        }
        for (int i = 0; i < delete; i++) {
            Files.delete(files.get(i));
        }
        LOG.info("audit retention deleted {} segment(s); the trail now starts at record {}", delete, firstKept.seq());
    }
}
