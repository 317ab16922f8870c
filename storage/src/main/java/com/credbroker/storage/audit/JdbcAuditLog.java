package com.credbroker.storage.audit;

import com.credbroker.storage.credential.Page;
import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;

/**
 * {@link AuditLog} over the {@code audit_log} table with group commit: {@link #append} only enqueues;
 * one writer thread takes everything queued (up to a batch bound), writes it in ONE transaction that
 * locks the single {@code audit_head} row ({@code SELECT ... FOR UPDATE}), extends the chain, and then
 * completes every future of the batch, or fails them all when the transaction fails. Because the
 * head is read under lock inside each transaction, several writers (nodes) extend one chain.
 *
 * <p>Thread-safe. Futures are completed on the writer thread: attach only cheap dependent stages, or
 * use the {@code *Async} variants. A full queue or a closed log fails the future at once.
 * Entry timestamps are kept (and hashed) to the microsecond.
 */
public final class JdbcAuditLog implements AuditLog {
    static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    static final int DEFAULT_MAX_BATCH = 2_048;
    private static final Pending STOP = new Pending(null, null);

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final Thread writer;
    private final AuditChain chain = new AuditChain();
    private volatile boolean closed;

    public JdbcAuditLog(DataSource dataSource) {
        this(dataSource, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BATCH);
    }

    public JdbcAuditLog(DataSource dataSource, int queueCapacity, int maxBatch) {
        this.dataSource = dataSource;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.maxBatch = maxBatch;
        this.writer = new Thread(this::writeLoop, "credbroker-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public CompletableFuture<AuditRecord> append(AuditEntry entry) {
        Optional<String> invalid = AuditRows.invalid(entry);
        if (invalid.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(invalid.get()));
        }
        Pending pending = new Pending(stored(entry), new CompletableFuture<>());
        if (closed || !queue.offer(pending)) {
            return CompletableFuture.failedFuture(new StorageException(closed ? "audit log is closed" : "audit queue is full"));
        }
        // close() may have run between the check and the offer; if nobody took the entry, fail it here.
        if (closed && !writer.isAlive() && queue.remove(pending)) {
            pending.future().completeExceptionally(new StorageException("audit log is closed"));
        }
        return pending.future();
    }

    private static AuditEntry stored(AuditEntry e) {
        return new AuditEntry(Jdbc.stored(e.at()), e.keyId(), e.action(), e.connectionId(), e.outcome(), e.requestId());
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            stopping = batch.remove(STOP);
            if (stopping) {
                queue.drainTo(batch); // appends that raced with close(): still written
            }
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<AuditRecord> records;
        try {
            records = Jdbc.inTransaction(dataSource, "audit append", connection -> appendAll(connection, batch));
        } catch (RuntimeException e) {
            StorageException failure = new StorageException("audit records could not be written");
            failure.initCause(e);
            batch.forEach(pending -> pending.future().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).future().complete(records.get(i));
        }
    }

    private List<AuditRecord> appendAll(Connection connection, List<Pending> batch) throws SQLException {
        long seq;
        String hash;
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet rows = head.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("audit_head row is missing");
            }
            seq = rows.getLong(1);
            hash = rows.getString(2);
        }
        List<AuditRecord> records = new ArrayList<>(batch.size());
        try (PreparedStatement insert = connection.prepareStatement(AuditRows.INSERT)) {
            for (Pending pending : batch) {
                seq++;
                AuditRecord record = new AuditRecord(seq, pending.entry(), hash, chain.hash(hash, seq, pending.entry()));
                hash = record.hash();
                AuditRows.bind(insert, record);
                insert.addBatch();
                records.add(record);
            }
            insert.executeBatch();
        }
        try (PreparedStatement head = connection.prepareStatement(
                "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            head.setLong(1, seq);
            head.setString(2, hash);
            head.executeUpdate();
        }
        return records;
    }

    @Override
    public Page<AuditRecord> list(String connectionId, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Long before = cursor == null || cursor.isEmpty() ? null : AuditRows.decodeCursor(cursor);
        String sql = "SELECT " + AuditRows.COLUMNS + " FROM audit_log WHERE 1 = 1"
                + (connectionId == null ? "" : " AND connection_id = ?")
                + (before == null ? "" : " AND seq < ?")
                + " ORDER BY seq DESC FETCH FIRST ? ROWS ONLY";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            if (connectionId != null) {
                select.setString(index++, connectionId);
            }
            if (before != null) {
                select.setLong(index++, before);
            }
            select.setInt(index, limit + 1);
            List<AuditRecord> items = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    items.add(AuditRows.read(rows));
                }
            }
            if (items.size() <= limit) {
                return new Page<>(items, null);
            }
            List<AuditRecord> page = items.subList(0, limit);
            return new Page<>(page, AuditRows.encodeCursor(page.get(limit - 1).seq()));
        } catch (SQLException e) {
            throw new StorageException("audit listing", e);
        }
    }

    @Override
    public AuditVerification verify() {
        return Jdbc.inTransaction(dataSource, "audit verification", AuditVerifier::verify);
    }

    /** Stops accepting appends, writes everything already queued, and stops the writer thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            if (left != STOP) {
                left.future().completeExceptionally(new StorageException("audit log is closed"));
            }
        }
    }

    private record Pending(AuditEntry entry, CompletableFuture<AuditRecord> future) {
    }
}
