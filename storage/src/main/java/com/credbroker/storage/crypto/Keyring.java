package com.credbroker.storage.crypto;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The open data keys, by term. New writes use the newest (active) term; older terms stay readable
 * until the rewrap has moved every row. Immutable: rotation builds a new keyring.
 */
public final class Keyring {
    private final TreeMap<Integer, SecretKey> keys;

    private Keyring(TreeMap<Integer, SecretKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a keyring needs at least one term");
        }
        this.keys = keys;
    }

    /** Builds a keyring from raw 32-byte AES keys by term. */
    public static Keyring of(Map<Integer, byte[]> rawKeys) {
        TreeMap<Integer, SecretKey> keys = new TreeMap<>();
        rawKeys.forEach((term, raw) -> {
            if (raw.length != 32) {
                throw new IllegalArgumentException("data keys are 32 bytes");
            }
            keys.put(term, new SecretKeySpec(raw, "AES"));
        });
        return new Keyring(keys);
    }

    public int activeTerm() {
        return keys.lastKey();
    }

    SecretKey activeKey() {
        return keys.lastEntry().getValue();
    }

    SecretKey key(int term) {
        SecretKey key = keys.get(term);
        if (key == null) {
            throw new DecryptionException();
        }
        return key;
    }

    public boolean hasTerm(int term) {
        return keys.containsKey(term);
    }

    /** A new keyring with {@code rawKey} as the next, now active, term. */
    public Keyring withNewTerm(byte[] rawKey) {
        Objects.requireNonNull(rawKey, "rawKey");
        TreeMap<Integer, SecretKey> next = new TreeMap<>(keys);
        next.put(activeTerm() + 1, new SecretKeySpec(rawKey, "AES"));
        return new Keyring(next);
    }

    @Override
    public String toString() {
        return "Keyring[terms=" + keys.keySet() + ", active=" + activeTerm() + "]";
    }
}
