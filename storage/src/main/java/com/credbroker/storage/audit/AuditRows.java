package com.credbroker.storage.audit;

import com.credbroker.storage.db.Jdbc;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

/** SQL, row mapping, limits and cursors of the {@code audit_log} table. */
final class AuditRows {
    static final String COLUMNS = "seq, at, key_id, action, connection_id, outcome, request_id, prev_hash, hash,"
            + " client, refusal_count, first_at, last_at, target_id";
    static final String INSERT = "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private AuditRows() {
    }

    /** Why an entry cannot be stored (checked before it joins a batch, so it cannot fail the others). */
    static Optional<String> invalid(AuditEntry entry) {
        if (entry == null || entry.at() == null || entry.action() == null || entry.outcome() == null) {
            return Optional.of("audit entry needs at, action and outcome");
        }
        if (tooLong(entry.keyId(), 64) || tooLong(entry.action(), 64) || tooLong(entry.connectionId(), 255)
                || tooLong(entry.outcome(), 32) || tooLong(entry.requestId(), 128) || tooLong(entry.targetId(), 64)
                || (entry.refusals() != null && (tooLong(entry.refusals().client(), 64) || entry.refusals().count() < 1
                        || entry.refusals().first() == null || entry.refusals().last() == null))) {
            return Optional.of("audit entry field too long");
        }
        return Optional.empty();
    }

    private static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }

    static void bind(PreparedStatement insert, AuditRecord record) throws SQLException {
        AuditEntry e = record.entry();
        insert.setLong(1, record.seq());
        Jdbc.setInstant(insert, 2, e.at());
        insert.setString(3, e.keyId());
        insert.setString(4, e.action());
        insert.setString(5, e.connectionId());
        insert.setString(6, e.outcome());
        insert.setString(7, e.requestId());
        insert.setString(8, record.prevHash());
        insert.setString(9, record.hash());
        RefusalCount refusals = e.refusals();
        insert.setString(10, refusals == null ? null : refusals.client());
        insert.setObject(11, refusals == null ? null : refusals.count(), java.sql.Types.BIGINT);
        Jdbc.setInstant(insert, 12, refusals == null ? null : refusals.first());
        Jdbc.setInstant(insert, 13, refusals == null ? null : refusals.last());
        insert.setString(14, e.targetId());
    }

    static AuditRecord read(ResultSet rows) throws SQLException {
        long count = rows.getLong("refusal_count");
        RefusalCount refusals = rows.wasNull() ? null : new RefusalCount(rows.getString("client"), count,
                Jdbc.getInstant(rows, "first_at"), Jdbc.getInstant(rows, "last_at"));
        AuditEntry entry = new AuditEntry(Jdbc.getInstant(rows, "at"), rows.getString("key_id"),
                rows.getString("action"), rows.getString("connection_id"), rows.getString("outcome"),
                rows.getString("request_id"), refusals, rows.getString("target_id"));
        return new AuditRecord(rows.getLong("seq"), entry, rows.getString("prev_hash"), rows.getString("hash"));
    }

    static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(seq).getBytes(StandardCharsets.UTF_8));
    }

    /** Only the exact text {@link #encodeCursor} produces for a sequence number is a cursor. */
    static long decodeCursor(String cursor) {
        try {
            long seq = Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (seq >= 1 && encodeCursor(seq).equals(cursor)) {
                return seq;
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the cursor
        }
        throw new com.credbroker.storage.db.InvalidCursorException();
    }
}
