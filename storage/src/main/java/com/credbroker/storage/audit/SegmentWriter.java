package com.credbroker.storage.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends batches to the newest segment, rotating to a new one when a batch would take the current
 * one past the size limit (a batch never spans segments, so a segment may exceed the limit by at
 * most one batch). One {@code write} loop per batch; with {@code fsync}, one {@code force} per batch
 * and one directory sync per new segment. After a failed write the channel is dropped (the batch's
 * bytes truncated away when possible); {@link #openNewest()} must run again. Not thread-safe: owned
 * by the writer thread.
 */
final class SegmentWriter implements AutoCloseable {
    private final AuditSegments segments;
    private final long segmentBytes;
    private final boolean fsync;
    private FileChannel channel;
    private long number;
    private long size;

    SegmentWriter(AuditSegments segments, long segmentBytes, boolean fsync) {
        this.segments = segments;
        this.segmentBytes = segmentBytes;
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
    }

    /** Writes the whole batch or throws; on failure the writer is closed. */
    void write(ByteBuffer batch) throws IOException {
        try {
            if (size > 0 && size + batch.remaining() > segmentBytes) {
                close();
                startSegment(number + 1);
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
    }

    private void startSegment(long next) throws IOException {
        channel = segments.create(next);
        number = next;
        size = 0;
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
