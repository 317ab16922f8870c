package com.credbroker.storage.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The key that authenticates backup archives: HMAC-SHA256 under a key derived from the master key with
 * HKDF-SHA256 (info {@code credbroker-backup-v1}), so only a holder of the master key can make an archive
 * that restore accepts, and a key of one purpose is never the key of another. Immutable and thread-safe;
 * {@link #newMac()} returns a fresh {@link Mac} per use. The key bytes never appear in {@link #toString()}
 * or in an exception message.
 */
public final class ArchiveKey {
    /** Bytes of one tag. */
    public static final int MAC_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] INFO = "credbroker-backup-v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    private ArchiveKey(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The archive key of {@code masterKey}: the same master key always gives the same archive key. */
    public static ArchiveKey derive(MasterKey masterKey) {
        byte[] ikm = masterKey.bytes();
        byte[] okm = new byte[MAC_BYTES];
        try {
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(ikm, null, INFO));
            hkdf.generateBytes(okm, 0, okm.length);
            return new ArchiveKey(okm);
        } finally {
            Arrays.fill(ikm, (byte) 0);
            Arrays.fill(okm, (byte) 0);
        }
    }

    /** A new HMAC-SHA256 instance keyed with this key. */
    public Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "ArchiveKey[REDACTED]";
    }
}
