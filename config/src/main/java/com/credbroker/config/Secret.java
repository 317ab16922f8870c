package com.credbroker.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value: never printed. {@code toString()} is {@code [REDACTED]}; comparison is constant time.
 */
public final class Secret {
    private static final String REDACTED = "[REDACTED]";
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The plaintext. Call sites are the few places that must use it (crypto, hashing, the wire). */
    public String reveal() {
        return value;
    }

    public byte[] revealBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && MessageDigest.isEqual(revealBytes(), that.revealBytes());
    }

    @Override
    public int hashCode() {
        return 0; // deliberately uninformative: never leak anything about the value
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
