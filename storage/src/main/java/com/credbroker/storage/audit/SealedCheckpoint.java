package com.credbroker.storage.audit;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.DecryptionException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The one encoding of an {@link AuditCheckpoint} at rest: {@code seq (8) | hash (32) | baseSeq (8) |
 * baseHash (32)}, sealed with AES-GCM under the keyring's active term and bound by its AAD to its
 * purpose, so any change to the stored bytes fails to open. Stateless.
 */
final class SealedCheckpoint {
    private static final String AAD = "audit-checkpoint:v1";
    private static final HexFormat HEX = HexFormat.of();

    private SealedCheckpoint() {
    }

    static byte[] seal(Cryptographer cryptographer, AuditCheckpoint checkpoint) {
        ByteBuffer plain = ByteBuffer.allocate(80)
                .putLong(checkpoint.seq()).put(HEX.parseHex(checkpoint.hash()))
                .putLong(checkpoint.baseSeq()).put(HEX.parseHex(checkpoint.baseHash()));
        return cryptographer.seal(plain.array(), AAD);
    }

    static AuditCheckpoint open(Cryptographer cryptographer, byte[] sealed, String where) {
        byte[] plain;
        try {
            plain = cryptographer.open(sealed, AAD);
        } catch (DecryptionException | IllegalArgumentException e) {
            throw new CheckpointInvalidException(where);
        }
        if (plain.length != 80) {
            throw new CheckpointInvalidException(where);
        }
        ByteBuffer in = ByteBuffer.wrap(plain);
        long seq = in.getLong();
        String hash = hex(in);
        long baseSeq = in.getLong();
        return new AuditCheckpoint(seq, hash, baseSeq, hex(in));
    }

    private static String hex(ByteBuffer in) {
        byte[] hash = new byte[32];
        in.get(hash);
        return HEX.formatHex(hash);
    }
}
