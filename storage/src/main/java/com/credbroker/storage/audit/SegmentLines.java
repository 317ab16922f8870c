package com.credbroker.storage.audit;

import com.credbroker.storage.audit.AuditLines.MalformedLineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One segment read into memory and split into its complete lines. Bytes after the last newline
 * ({@link #trailingBytes()}) are a record still being written, or one torn by a crash: never a
 * complete record. Not thread-safe; cheap to create per call.
 */
final class SegmentLines {
    private final byte[] data;
    private final int[] newlines;
    private final int count;

    private SegmentLines(byte[] data, int[] newlines, int count) {
        this.data = data;
        this.newlines = newlines;
        this.count = count;
    }

    static SegmentLines read(Path segment) throws IOException {
        byte[] data = Files.readAllBytes(segment);
        int[] newlines = new int[Math.max(16, data.length / 256)];
        int count = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == AuditLines.NEWLINE) {
                if (count == newlines.length) {
                    newlines = Arrays.copyOf(newlines, count * 2);
                }
                newlines[count++] = i;
            }
        }
        return new SegmentLines(data, newlines, count);
    }

    /** The segment's first complete record, reading no further than its first newline; empty when it has none. */
    static java.util.Optional<AuditRecord> first(Path segment) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(512);
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(segment))) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == AuditLines.NEWLINE) {
                    byte[] bytes = line.toByteArray();
                    try {
                        return java.util.Optional.of(AuditLines.read(bytes, 0, bytes.length));
                    } catch (MalformedLineException e) {
                        throw new com.credbroker.storage.db.StorageException(
                                "the first record of audit segment " + segment.getFileName() + " is malformed");
                    }
                }
                line.write(b);
            }
        }
        return java.util.Optional.empty();
    }

    int count() {
        return count;
    }

    int trailingBytes() {
        return data.length - (count == 0 ? 0 : newlines[count - 1] + 1);
    }

    /** The record on line {@code index} (0-based, oldest first). */
    AuditRecord record(int index) throws MalformedLineException {
        int start = index == 0 ? 0 : newlines[index - 1] + 1;
        return AuditLines.read(data, start, newlines[index] - start);
    }
}
