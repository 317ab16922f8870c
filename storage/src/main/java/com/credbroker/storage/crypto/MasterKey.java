package com.credbroker.storage.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The 32-byte AES key that wraps the keyring's data keys. Immutable and thread-safe; the key bytes
 * are copied in and out and never appear in {@link #toString()} or in any exception message.
 * A key derived from a passphrase carries the (non-secret) {@link PassphraseKdf} that derived it,
 * so the keyring can store its salt.
 */
public final class MasterKey {
    public static final int BYTES = 32;

    private final byte[] key;
    private final PassphraseKdf kdf;

    private MasterKey(byte[] key, PassphraseKdf kdf) {
        if (key.length != BYTES) {
            throw new IllegalArgumentException("a master key is exactly " + BYTES + " bytes");
        }
        this.key = key.clone();
        this.kdf = kdf;
    }

    /** A master key from raw bytes (copied). */
    public static MasterKey of(byte[] key) {
        return new MasterKey(key, null);
    }

    /** A fresh random master key. */
    public static MasterKey generate(SecureRandom random) {
        byte[] key = new byte[BYTES];
        random.nextBytes(key);
        return new MasterKey(key, null);
    }

    static MasterKey derived(byte[] key, PassphraseKdf kdf) {
        return new MasterKey(key, kdf);
    }

    /**
     * Parses the base64 of exactly 32 bytes, strictly: no surrounding whitespace, no line breaks.
     * {@code origin} names where the value came from (e.g. {@code CREDBROKER_MASTER_KEY}) and is the
     * only caller-supplied text in the error message; the value itself never is.
     */
    public static MasterKey fromBase64(String text, String origin) {
        if (text.isEmpty()) {
            throw new MasterKeyException(origin + " is empty; it must be the base64 of exactly 32 bytes");
        }
        if (!text.equals(text.strip())) {
            throw new MasterKeyException(origin + " has leading or trailing whitespace (a trailing newline?);"
                    + " it must be the base64 of exactly 32 bytes and nothing else");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException(origin + " is not valid base64; it must be the base64 of exactly 32 bytes");
        }
        try {
            if (decoded.length != BYTES) {
                throw new MasterKeyException(origin + " decodes to " + decoded.length
                        + " bytes; it must be exactly " + BYTES);
            }
            return of(decoded);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /** The key bytes (a copy). Only the key-wrapping code needs them. */
    byte[] bytes() {
        return key.clone();
    }

    String toBase64() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** The Argon2id parameters and salt this key was derived with, when it came from a passphrase. */
    public Optional<PassphraseKdf> kdf() {
        return Optional.ofNullable(kdf);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return 0; // deliberately uninformative
    }

    @Override
    public String toString() {
        return "MasterKey[REDACTED]";
    }
}
