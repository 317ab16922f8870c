package com.credbroker.storage.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Recomputes the audit chain from the first record: every seq follows the previous one, every
 * {@code prev_hash} is the previous {@code hash}, every {@code hash} matches its recomputation, and
 * the head row names the last record (so truncating the tail shows too).
 */
final class AuditVerifier {
    private static final int FETCH_SIZE = 1_000;

    private AuditVerifier() {
    }

    static AuditVerification verify(Connection connection) throws SQLException {
        AuditChain chain = new AuditChain();
        long expected = 1;
        String prev = AuditChain.GENESIS;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + AuditRows.COLUMNS + " FROM audit_log ORDER BY seq")) {
            select.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    AuditRecord record = AuditRows.read(rows);
                    if (record.seq() != expected) {
                        return broken(expected - 1, Math.min(expected, record.seq()));
                    }
                    if (!prev.equals(record.prevHash())
                            || !chain.hash(prev, record.seq(), record.entry()).equals(record.hash())) {
                        return broken(expected - 1, record.seq());
                    }
                    prev = record.hash();
                    expected++;
                }
            }
        }
        return checkHead(connection, expected - 1, prev);
    }

    private static AuditVerification checkHead(Connection connection, long lastSeq, String lastHash)
            throws SQLException {
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
             ResultSet rows = head.executeQuery()) {
            if (!rows.next() || rows.getLong(1) != lastSeq || !lastHash.equals(rows.getString(2))) {
                return broken(lastSeq, lastSeq + 1);
            }
        }
        return new AuditVerification(true, lastSeq, null);
    }

    private static AuditVerification broken(long checked, long seq) {
        return new AuditVerification(false, checked, seq);
    }
}
