package com.credbroker.storage.audit;

import com.credbroker.storage.audit.AuditLines.MalformedLineException;
import com.credbroker.storage.db.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Newest-first listing over segment files: segments are read backwards from the newest, each
 * segment's lines from its end, stopping once enough matches are found. A partial last line is a
 * write in progress and is skipped. Stateless.
 */
final class AuditListing {
    private AuditListing() {
    }

    /** Up to {@code wanted} records with {@code seq < before}, of one connection (or all when null). */
    static List<AuditRecord> newestFirst(List<Path> segments, String connectionId, long before, int wanted)
            throws IOException {
        List<AuditRecord> items = new ArrayList<>(Math.min(wanted, 1_024));
        for (int i = segments.size() - 1; i >= 0 && items.size() < wanted; i--) {
            SegmentLines lines = SegmentLines.read(segments.get(i));
            if (lines.count() > 0 && record(lines, 0).seq() >= before) {
                continue; // the whole segment is at or after the cursor
            }
            for (int line = lines.count() - 1; line >= 0 && items.size() < wanted; line--) {
                AuditRecord record = record(lines, line);
                if (record.seq() < before && (connectionId == null
                        || Objects.equals(connectionId, record.entry().connectionId()))) {
                    items.add(record);
                }
            }
        }
        return items;
    }

    private static AuditRecord record(SegmentLines lines, int line) {
        try {
            return lines.record(line);
        } catch (MalformedLineException e) {
            throw new StorageException("the audit log holds a malformed record; run verification");
        }
    }
}
