package com.credbroker.storage.audit;

import com.credbroker.storage.credential.Page;
import com.credbroker.storage.db.StorageException;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AuditLog} in append-only segment files under {@code <dataDir>/audit/} (one JSON line per
 * record, see {@link AuditLines}), with the same hash chain as {@link JdbcAuditLog} and the same
 * group commit: {@link #append} only validates and enqueues; one writer thread takes everything
 * queued (up to a batch bound), extends the chain, encodes the whole batch into one buffer and
 * writes it with one {@code FileChannel.write} loop, then completes every future of the batch, or
 * fails them all when the write fails (fail-closed). A completed future means the record reached
 * the operating system: it survives {@code kill -9} of the process; with {@code fsync} it is also
 * forced to the device before the future completes, so it survives power loss.
 *
 * <p>Segments rotate by size and age ({@link Options}); retention deletes the oldest closed segments
 * after a rotation (see {@link AuditRetention}), moving the checkpoint's anchor first.
 *
 * <p>On open the chain continues from the newest segment's last record; a torn last line is
 * truncated (see {@link SegmentRecovery}). One process at a time: the directory is locked.
 * Thread-safe. Futures complete on the writer thread: attach only cheap dependent stages. A full
 * queue or a closed log fails the future at once. Entry contents are never logged.
 */
public final class FileAuditLog implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(FileAuditLog.class);
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    static final long MAX_SEGMENT_BYTES = 1L << 30;

    private final AuditSegments segments;
    private final AuditDirectoryLock lock;
    private final SegmentWriter segmentWriter;
    private final AuditRetention retention;
    private final AuditCheckpointer anchors;
    private final AuditChain chain = new AuditChain();
    private final BatchBuffer buffer = new BatchBuffer();
    private ChainHead writerHead; // writer thread only; null after a failed write until recovered
    private volatile ChainHead durableHead;
    private final GroupCommit commits;

    /**
     * How segments rotate and which are kept.
     *
     * @param segmentBytes a new segment starts when a batch would take the current one past this
     * @param segmentAge   ... or when the current one's first record is this old; null: no age limit
     * @param fsync        force every batch to the device before acknowledging it
     * @param retention    delete closed segments whose records are all older than this; empty: keep
     * @param maxBytes     delete the oldest closed segments while all exceed this; empty: no bound
     */
    public record Options(long segmentBytes, Duration segmentAge, boolean fsync, Optional<Duration> retention,
            Optional<Long> maxBytes) {
        /** 64 MiB segments, no age limit, no fsync, everything kept. */
        public static final Options DEFAULTS = new Options(DEFAULT_SEGMENT_BYTES, null, false, Optional.empty(),
                Optional.empty());
    }

    /** 64 MiB segments, no fsync (durable against a process crash, not a power loss). */
    public FileAuditLog(Path dataDir) {
        this(dataDir, DEFAULT_SEGMENT_BYTES, false);
    }

    public FileAuditLog(Path dataDir, long segmentBytes, boolean fsync) {
        this(dataDir, new Options(segmentBytes, null, fsync, Optional.empty(), Optional.empty()), null);
    }

    /** @param anchors told before retention deletes segments (the checkpoint's anchor); null when none is kept */
    public FileAuditLog(Path dataDir, Options options, AuditCheckpointer anchors) {
        this(dataDir, options, anchors, GroupCommit.DEFAULT_QUEUE_CAPACITY, GroupCommit.DEFAULT_MAX_BATCH);
    }

    FileAuditLog(Path dataDir, long segmentBytes, boolean fsync, int queueCapacity, int maxBatch) {
        this(dataDir, new Options(segmentBytes, null, fsync, Optional.empty(), Optional.empty()), null, queueCapacity,
                maxBatch);
    }

    FileAuditLog(Path dataDir, Options options, AuditCheckpointer anchors, int queueCapacity, int maxBatch) {
        long segmentBytes = options.segmentBytes();
        if (segmentBytes < 1 || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segment size must be between 1 byte and 1 GiB");
        }
        this.retention = new AuditRetention(options.retention(), options.maxBytes());
        this.anchors = anchors;
        try {
            this.segments = new AuditSegments(dataDir);
            this.lock = AuditDirectoryLock.acquire(segments);
        } catch (IOException e) {
            throw failure("audit log could not be opened", e);
        }
        this.segmentWriter = new SegmentWriter(segments, segmentBytes, options.segmentAge(), options.fsync());
        try {
            writerHead = SegmentRecovery.recover(segments);
            segmentWriter.openNewest();
        } catch (IOException | RuntimeException e) {
            lock.release();
            throw e instanceof StorageException s ? s : failure("audit log could not be opened", e);
        }
        this.durableHead = writerHead;
        this.commits = new GroupCommit("credbroker-audit-file-writer", queueCapacity, maxBatch,
                new GroupCommit.BatchWriter() {
                    @Override
                    public List<AuditRecord> write(List<AuditEntry> batch) throws IOException {
                        return appendAll(batch);
                    }

                    @Override
                    public void stopped() {
                        segmentWriter.close();
                    }
                });
    }

    @Override
    public CompletableFuture<AuditRecord> append(AuditEntry entry) {
        return commits.append(entry);
    }

    /** Writer thread only. After a failed write the head is re-read from the files before the next batch. */
    private List<AuditRecord> appendAll(List<AuditEntry> batch) throws IOException {
        try {
            return encodeAndWrite(batch);
        } catch (IOException | RuntimeException e) {
            writerHead = null; // the file may hold part of the batch
            throw e;
        }
    }

    private List<AuditRecord> encodeAndWrite(List<AuditEntry> batch) throws IOException {
        if (writerHead == null || !segmentWriter.isOpen()) {
            writerHead = SegmentRecovery.recover(segments);
            segmentWriter.openNewest();
        }
        long seq = writerHead.seq();
        String hash = writerHead.hash();
        List<AuditRecord> records = new ArrayList<>(batch.size());
        buffer.reset();
        try (JsonGenerator out = AuditLines.generator(buffer)) {
            for (AuditEntry entry : batch) {
                seq++;
                AuditRecord record = new AuditRecord(seq, entry, hash, chain.hash(hash, seq, entry));
                hash = record.hash();
                AuditLines.write(out, record);
                records.add(record);
            }
        }
        boolean rotated = segmentWriter.write(buffer.contents(), batch.get(0).at());
        writerHead = new ChainHead(seq, hash);
        durableHead = writerHead;
        if (rotated) {
            pruneQuietly(batch.get(batch.size() - 1).at());
        }
        return records;
    }

    /** Retention runs when a segment was closed; a failure leaves old segments in place (the batch is written). */
    private void pruneQuietly(java.time.Instant now) {
        try {
            retention.prune(segments, now, anchors);
        } catch (IOException | RuntimeException e) {
            LOG.warn("audit retention could not delete old segments; keeping them", e);
        }
    }

    @Override
    public ChainBounds bounds() {
        ChainHead head = durableHead;
        if (head.seq() == 0) {
            return ChainBounds.EMPTY;
        }
        try {
            for (Path segment : segments.list()) {
                Optional<AuditRecord> first = SegmentLines.first(segment);
                if (first.isPresent()) {
                    return new ChainBounds(first.get().seq(), first.get().prevHash(), head.seq(), head.hash());
                }
            }
            return ChainBounds.EMPTY;
        } catch (IOException e) {
            throw failure("audit bounds could not be read", e);
        }
    }

    /** Newest first, scanning segments backwards; the cursor is opaque (as {@link JdbcAuditLog}'s). */
    @Override
    public Page<AuditRecord> list(String connectionId, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        long before = cursor == null || cursor.isEmpty() ? Long.MAX_VALUE : AuditRows.decodeCursor(cursor);
        try {
            int wanted = limit == Integer.MAX_VALUE ? limit : limit + 1;
            List<AuditRecord> items = AuditListing.newestFirst(segments.list(), connectionId, before, wanted);
            if (items.size() <= limit) {
                return new Page<>(items, null);
            }
            List<AuditRecord> page = items.subList(0, limit);
            return new Page<>(page, AuditRows.encodeCursor(page.get(limit - 1).seq()));
        } catch (IOException e) {
            throw failure("audit listing failed", e);
        }
    }

    @Override
    public AuditVerification verify() {
        ChainHead head = durableHead; // read before listing: everything up to it is in the files
        try {
            return FileAuditVerifier.verify(segments.list(), head);
        } catch (IOException e) {
            throw failure("audit verification failed", e);
        }
    }

    /** Stops accepting appends, writes everything already queued, stops the writer and unlocks. */
    @Override
    public void close() {
        if (commits.isClosed()) {
            return;
        }
        commits.close();
        lock.release();
    }

    private static StorageException failure(String message, Throwable cause) {
        StorageException failure = new StorageException(message);
        failure.initCause(cause);
        return failure;
    }

    /** The batch's encoded lines, reused across batches; handed to the channel without a copy. */
    private static final class BatchBuffer extends ByteArrayOutputStream {
        BatchBuffer() {
            super(64 * 1024);
        }

        ByteBuffer contents() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }
}
