package com.credbroker.config;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Rules for the master key sources: at most one of key, key file and passphrase; an inline key is
 * standard base64 of exactly 32 bytes with nothing around it. Messages never contain the key.
 */
final class MasterKeyRules {
    static final int KEY_BYTES = 32;

    private MasterKeyRules() {
    }

    static Optional<Secret> masterKey(ValueParser parser, Problems problems) {
        return parser.raw(ConfigKey.MASTER_KEY).flatMap(raw -> {
            String complaint = complaint(raw.value());
            if (complaint != null) {
                problems.add(ConfigKey.MASTER_KEY, raw, complaint);
                return Optional.empty();
            }
            return Optional.of(Secret.of(raw.value()));
        });
    }

    static void requireAtMostOneSource(ValueParser parser, Problems problems) {
        List<String> present = Stream.of(
                        ConfigKey.MASTER_KEY, ConfigKey.MASTER_KEY_FILE, ConfigKey.MASTER_PASSPHRASE)
                .filter(key -> parser.raw(key).isPresent())
                .map(ConfigKey::envName)
                .toList();
        if (present.size() > 1) {
            problems.add("Only one master key source may be set, found " + String.join(", ", present));
        }
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
