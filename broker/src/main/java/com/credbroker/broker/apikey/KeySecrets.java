package com.credbroker.broker.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** API key secrets: 256 random bits, shown once, stored as SHA-256. */
public final class KeySecrets {
    private static final String PREFIX = "cbk_";

    private KeySecrets() {
    }

    public static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });

    /** SHA-256 of the secret's UTF-8 bytes (a per-thread digest: this runs on every request). */
    public static byte[] hash(String secret) {
        return SHA256.get().digest(secret.getBytes(StandardCharsets.UTF_8));
    }
}
