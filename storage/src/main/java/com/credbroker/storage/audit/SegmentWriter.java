package com.credbroker.storage.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Appends batches to the newest segment, rotating to a new one when a batch would take the current
 * one past the size limit (a batch never spans segments, so a segment may exceed the limit by at
 * most one batch) or when the current one's first record is older than the age limit. One {@code write} loop per batch; with {@code fsync}, one {@code force} per batch
 * and one directory sync per new segment. After a failed write the channel is dropped (the batch's
 * bytes truncated away when possible); {@link #openNewest()} must run again. Not thread-safe: owned
 * by the writer thread.
 */
final class SegmentWriter implements AutoCloseable {
    private final AuditSegments segments;
    private final long segmentBytes;
    private final Duration segmentAge;
    private final boolean fsync;
    private FileChannel channel;
    private long number;
    private long size;
    private Instant startedAt; // the first record's time in the current segment; null while it is empty

    /** @param segmentAge a segment whose first record is this old is closed at the next batch; null: no limit */
    SegmentWriter(AuditSegments segments, long segmentBytes, Duration segmentAge, boolean fsync) {
        this.segments = segments;
        this.segmentBytes = segmentBytes;
        this.segmentAge = segmentAge;
        this.fsync = fsync;
    }

    boolean isOpen() {
        return channel != null;
    }

    void openNewest() throws IOException {
        close();
        List<Path> files = segments.list();
        if (files.isEmpty()) {
            startSegment(1);
            return;
        }
        Path newest = files.get(files.size() - 1);
        channel = segments.open(newest, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        number = AuditSegments.number(newest);
        size = channel.size();
        startedAt = SegmentLines.first(newest).map(record -> record.entry().at()).orElse(null);
    }

    /**
     * Writes the whole batch (whose first record was made at {@code firstAt}) or throws; on failure the
     * writer is closed. Returns true when it started a new segment for it (the previous one is closed).
     */
    boolean write(ByteBuffer batch, Instant firstAt) throws IOException {
        boolean rotated = false;
        try {
            if (size > 0 && (size + batch.remaining() > segmentBytes || tooOld(firstAt))) {
                close();
                startSegment(number + 1);
                rotated = true;
            }
            if (startedAt == null) {
                startedAt = firstAt;
            }
            long before = size;
            try {
                while (batch.hasRemaining()) {
                    size += channel.write(batch);
                }
                if (fsync) {
                    channel.force(false);
                }
            } catch (IOException e) {
                truncateQuietly(before, e);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        return rotated;
    }

    private boolean tooOld(Instant firstAt) {
        return segmentAge != null && startedAt != null && !firstAt.isBefore(startedAt.plus(segmentAge));
    }

    private void startSegment(long next) throws IOException {
        channel = segments.create(next);
        number = next;
        size = 0;
        startedAt = null;
        if (fsync) {
            segments.forceDirectory();
        }
    }

    private void truncateQuietly(long length, IOException failure) {
        try {
            channel.truncate(length);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing buffered in a FileChannel: closing cannot lose acknowledged bytes
        } finally {
            channel = null;
        }
    }
}
