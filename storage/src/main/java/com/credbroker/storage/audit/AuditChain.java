package com.credbroker.storage.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit hash chain. {@code hash = hex(SHA-256(prevHash || canonical(seq, entry)))} where
 * {@code prevHash} is the previous record's hash as 32 raw bytes (64 zeros before the first record)
 * and the canonical encoding is, big-endian: seq (8 bytes), epoch second (8), nano (4), then each of
 * keyId, action, connectionId, outcome, requestId as a 4-byte length (-1 for null) and its UTF-8 bytes;
 * an aggregated refusal record appends its client (as a field), count (8 bytes), and first and last
 * instants (epoch second and nano each), so records without one hash as they always did; a record with a
 * target appends the marker {@code -2} (4 bytes, never a field length) and the target as a field, so
 * records without one hash as before and a target cannot pass for a refusal count.
 * Not thread-safe (one digest per instance).
 */
final class AuditChain {
    static final String GENESIS = "0".repeat(64);
    private static final int TARGET_MARKER = -2;
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha256;

    AuditChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    String hash(String prevHash, long seq, AuditEntry entry) {
        sha256.reset();
        sha256.update(HEX.parseHex(prevHash));
        sha256.update(canonical(seq, entry));
        return HEX.formatHex(sha256.digest());
    }

    static byte[] canonical(long seq, AuditEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(seq);
            out.writeLong(entry.at().getEpochSecond());
            out.writeInt(entry.at().getNano());
            for (String field : new String[] {entry.keyId(), entry.action(), entry.connectionId(), entry.outcome(),
                    entry.requestId()}) {
                writeField(out, field);
            }
            RefusalCount refusals = entry.refusals();
            if (refusals != null) {
                writeField(out, refusals.client());
                out.writeLong(refusals.count());
                writeInstant(out, refusals.first());
                writeInstant(out, refusals.last());
            }
            if (entry.targetId() != null) {
                out.writeInt(TARGET_MARKER);
                writeField(out, entry.targetId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeInstant(DataOutputStream out, java.time.Instant at) throws IOException {
        out.writeLong(at.getEpochSecond());
        out.writeInt(at.getNano());
    }

    private static void writeField(DataOutputStream out, String field) throws IOException {
        if (field == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
