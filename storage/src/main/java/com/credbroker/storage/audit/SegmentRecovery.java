package com.credbroker.storage.audit;

import com.credbroker.storage.audit.AuditLines.MalformedLineException;
import com.credbroker.storage.db.StorageException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where the chain continues after a restart: the last complete record of the newest
 * non-empty segment, read backwards from its end. A torn last line (bytes after the final newline,
 * left by a crash in the middle of a write and therefore never acknowledged) is truncated away with
 * a WARN. A last complete line that does not parse is not repaired: opening fails.
 */
final class SegmentRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);
    private static final int BLOCK = 64 * 1024;

    private SegmentRecovery() {
    }

    static ChainHead recover(AuditSegments segments) throws IOException {
        List<Path> files = segments.list();
        for (int i = files.size() - 1; i >= 0; i--) {
            try (FileChannel segment = segments.open(files.get(i), StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                long end = truncateTornTail(segment, files.get(i));
                if (end > 0) {
                    return lastRecord(segment, end, files.get(i));
                }
            }
        }
        return ChainHead.GENESIS;
    }

    /** Returns the length of the segment's complete lines, after cutting off any partial last line. */
    private static long truncateTornTail(FileChannel segment, Path file) throws IOException {
        long size = segment.size();
        long end = lastNewline(segment, size) + 1;
        if (end < size) {
            LOG.warn("audit segment {} ends with a torn, never acknowledged record of {} bytes; truncating it",
                    file.getFileName(), size - end);
            segment.truncate(end);
            segment.force(true);
        }
        return end;
    }

    private static ChainHead lastRecord(FileChannel segment, long end, Path file) throws IOException {
        long start = lastNewline(segment, end - 1) + 1;
        ByteBuffer line = ByteBuffer.allocate(Math.toIntExact(end - 1 - start));
        readFully(segment, line, start);
        try {
            AuditRecord last = AuditLines.read(line.array(), 0, line.limit());
            return new ChainHead(last.seq(), last.hash());
        } catch (MalformedLineException e) {
            throw new StorageException("the last record of audit segment " + file.getFileName()
                    + " is malformed; refusing to extend the chain (run verification)");
        }
    }

    /** Position of the last newline before {@code before}, or -1. */
    private static long lastNewline(FileChannel segment, long before) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        long blockEnd = before;
        while (blockEnd > 0) {
            long blockStart = Math.max(0, blockEnd - BLOCK);
            block.clear().limit((int) (blockEnd - blockStart));
            readFully(segment, block, blockStart);
            for (int i = block.limit() - 1; i >= 0; i--) {
                if (block.get(i) == AuditLines.NEWLINE) {
                    return blockStart + i;
                }
            }
            blockEnd = blockStart;
        }
        return -1;
    }

    private static void readFully(FileChannel segment, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = segment.read(into, at);
            if (read < 0) {
                throw new EOFException("audit segment shrank while being read");
            }
            at += read;
        }
    }
}
