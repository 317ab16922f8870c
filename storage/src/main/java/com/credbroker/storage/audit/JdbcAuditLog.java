package com.credbroker.storage.audit;

import com.credbroker.storage.credential.Page;
import com.credbroker.storage.db.Jdbc;
import com.credbroker.storage.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jdbi.v3.core.statement.Query;

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
 *
 * <p>The append stays plain JDBC on the writer thread's own connection (a batched insert of the group, under
 * the head lock): it never joins a caller's transaction, since it commits many callers' entries at once.
 * Listing runs on Jdbi.
 */
public final class JdbcAuditLog implements AuditLog {
    private final DataSource dataSource;
    private final Transactions transactions;
    private final AuditChain chain = new AuditChain();
    private final GroupCommit commits;

    public JdbcAuditLog(DataSource dataSource) {
        this(dataSource, GroupCommit.DEFAULT_QUEUE_CAPACITY, GroupCommit.DEFAULT_MAX_BATCH);
    }

    public JdbcAuditLog(DataSource dataSource, int queueCapacity, int maxBatch) {
        this.dataSource = dataSource;
        this.transactions = Transactions.of(dataSource);
        this.commits = new GroupCommit("credbroker-audit-writer", queueCapacity, maxBatch,
                batch -> Jdbc.inTransaction(dataSource, "audit append", connection -> appendAll(connection, batch)));
    }

    @Override
    public CompletableFuture<AuditRecord> append(AuditEntry entry) {
        return commits.append(entry);
    }

    private List<AuditRecord> appendAll(Connection connection, List<AuditEntry> batch) throws SQLException {
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
            for (AuditEntry entry : batch) {
                seq++;
                AuditRecord record = new AuditRecord(seq, entry, hash, chain.hash(hash, seq, entry));
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
                + (connectionId == null ? "" : " AND connection_id = :connection_id")
                + (before == null ? "" : " AND seq < :before")
                + " ORDER BY seq DESC FETCH FIRST :fetch ROWS ONLY";
        List<AuditRecord> items = transactions.withHandle("audit listing", handle -> {
            Query select = handle.createQuery(sql).bind("fetch", limit + 1);
            if (connectionId != null) {
                select.bind("connection_id", connectionId);
            }
            if (before != null) {
                select.bind("before", before.longValue());
            }
            return select.map((rows, context) -> AuditRows.read(rows)).list();
        });
        if (items.size() <= limit) {
            return new Page<>(items, null);
        }
        List<AuditRecord> page = items.subList(0, limit);
        return new Page<>(page, AuditRows.encodeCursor(page.get(limit - 1).seq()));
    }

    @Override
    public AuditVerification verify() {
        return Jdbc.inTransaction(dataSource, "audit verification", AuditVerifier::verify);
    }

    @Override
    public ChainBounds bounds() {
        return Jdbc.inTransaction(dataSource, "audit bounds", connection -> {
            ChainBounds first = edge(connection, "ASC");
            ChainBounds last = edge(connection, "DESC");
            return first == null ? ChainBounds.EMPTY
                    : new ChainBounds(first.firstSeq(), first.firstPrevHash(), last.lastSeq(), last.lastHash());
        });
    }

    private static ChainBounds edge(Connection connection, String order) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq " + order + " FETCH FIRST 1 ROWS ONLY");
             ResultSet rows = select.executeQuery()) {
            return rows.next() ? new ChainBounds(rows.getLong(1), rows.getString(2), rows.getLong(1), rows.getString(3))
                    : null;
        }
    }

    /** Stops accepting appends, writes everything already queued, and stops the writer thread. */
    @Override
    public void close() {
        commits.close();
    }
}
