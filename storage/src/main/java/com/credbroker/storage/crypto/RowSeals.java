package com.credbroker.storage.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Seals for rows that have no payload of their own: a keyring envelope (see {@link Cryptographer}) of the
 * SHA-256 of an unambiguous encoding of the row's authenticated fields, with an AAD that names the row. The
 * envelope carries its key term, so a seal made before a rotation still verifies after it (terms are never
 * removed), and it binds values and IDs only, so it survives a logical backup and restore under the same
 * keyring. Stateless and thread-safe.
 */
public final class RowSeals {
    private RowSeals() {
    }

    /** Seals the fields (nulls allowed) of the row named by {@code aad}. */
    public static byte[] seal(Cryptographer cryptographer, String aad, String... fields) {
        return cryptographer.seal(digest(fields), aad);
    }

    /** True when {@code seal} was made by {@link #seal} for exactly these fields of this row. */
    public static boolean verify(Cryptographer cryptographer, byte[] seal, String aad, String... fields) {
        if (seal == null) {
            return false;
        }
        byte[] sealed;
        try {
            sealed = cryptographer.open(seal, aad);
        } catch (DecryptionException e) {
            return false;
        }
        return MessageDigest.isEqual(sealed, digest(fields));
    }

    /** Each field as a 4-byte length (-1 for null) and its UTF-8 bytes, hashed with SHA-256. */
    static byte[] digest(String... fields) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String field : fields) {
                byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
                sha256.update(ByteBuffer.allocate(4).putInt(field == null ? -1 : bytes.length).array());
                sha256.update(bytes);
                Arrays.fill(bytes, (byte) 0);
            }
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
