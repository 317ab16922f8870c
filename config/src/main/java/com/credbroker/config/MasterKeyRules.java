package com.credbroker.config;

import com.credbroker.config.ValueType.Refusal;
import java.util.Base64;
import java.util.Optional;

/**
 * The rule for an inline master key: standard base64 of exactly 32 bytes with nothing around it. (At most
 * one source of key, key file and passphrase: {@link ConfigRelations}.) Messages never contain the key.
 */
final class MasterKeyRules {
    static final int KEY_BYTES = 32;

    private MasterKeyRules() {
    }

    /** An inline key: standard base64 of exactly 32 bytes. */
    static ValueType<Optional<Secret>> masterKey() {
        return ValueType.<Secret>of(Secret.class, value -> {
            String complaint = complaint(value);
            if (complaint != null) {
                throw Refusal.of(complaint);
            }
            return Secret.of(value);
        }).optional().secret();
    }

    /** Why the value is not an acceptable key, or null when it is. Never mentions the value. */
    private static String complaint(String value) {
        if (!value.strip().equals(value)) {
            return "has leading or trailing whitespace (often a trailing newline); remove it";
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return "must be standard base64 of exactly " + KEY_BYTES + " bytes; it is not valid base64";
        }
        if (decoded.length != KEY_BYTES) {
            return "must be standard base64 of exactly " + KEY_BYTES + " bytes; it decodes to "
                    + decoded.length + " bytes";
        }
        java.util.Arrays.fill(decoded, (byte) 0);
        return null;
    }
}
