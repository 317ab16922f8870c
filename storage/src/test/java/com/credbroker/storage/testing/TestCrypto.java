package com.credbroker.storage.testing;

import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.Keyring;
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Cryptographers over random or given 32-byte keys, BouncyCastle passed in (no global provider). */
public final class TestCrypto {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCrypto() {
    }

    public static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    public static Cryptographer cryptographer() {
        return cryptographer(randomKey());
    }

    /** A keyring with {@code key} as term 1. */
    public static Cryptographer cryptographer(byte[] key) {
        return new Cryptographer(Keyring.of(Map.of(1, key)), new SecureRandom(), new BouncyCastleProvider());
    }
}
