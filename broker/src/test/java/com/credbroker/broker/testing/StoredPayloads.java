package com.credbroker.broker.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Reads and overwrites a connection's encrypted {@code payload} below the API, as someone holding the database would. */
public final class StoredPayloads {
    private StoredPayloads() {
    }

    public static byte[] read(RunningBroker broker, String connectionId) throws Exception {
        try (Connection db = broker.broker().storage().database().dataSource().getConnection();
             PreparedStatement read = db.prepareStatement("SELECT payload FROM credentials WHERE connection_id = ?")) {
            read.setString(1, connectionId);
            try (ResultSet rows = read.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no row for " + connectionId);
                }
                return rows.getBytes(1);
            }
        }
    }

    public static void write(RunningBroker broker, String connectionId, byte[] payload) throws Exception {
        try (Connection db = broker.broker().storage().database().dataSource().getConnection();
             PreparedStatement write = db.prepareStatement(
                     "UPDATE credentials SET payload = ? WHERE connection_id = ?")) {
            write.setBytes(1, payload);
            write.setString(2, connectionId);
            if (write.executeUpdate() != 1) {
                throw new IllegalStateException("no row for " + connectionId);
            }
        }
    }

    /** Flips bit {@code position % 8} of byte {@code position}. */
    public static byte[] flipped(byte[] payload, int position) {
        byte[] tampered = payload.clone();
        tampered[position] ^= (byte) (1 << (position % 8));
        return tampered;
    }
}
