package com.credbroker.config;

import com.credbroker.config.ValueType.Refusal;
import java.util.Optional;

/**
 * The rule for {@code CREDBROKER_ADMIN_KEY}: the value is an all-scope key, so it must be as hard to
 * guess as a generated one, at least 128 bits. Its strength is estimated from its alphabet and length,
 * as for a random string: a value of hex digits only counts 4 bits a character (32 of them make 128 bits),
 * any other value 6 bits (22 base64 or base64url characters; {@code =} padding does not count). A value
 * made of few distinct characters, of one block repeated or of a running sequence ({@code abcdef…},
 * {@code 0123…}) is refused whatever its length. This cannot tell a chosen phrase of the same length
 * from a random string: the message says how to generate one. Messages never contain the value.
 */
final class AdminKeyRules {
    static final int MIN_BITS = 128;
    static final String HOW_TO_MAKE_ONE = "make one with `openssl rand -base64 32`";
    private static final int MIN_DISTINCT = 8;

    private AdminKeyRules() {
    }

    static ValueType<Optional<Secret>> adminKey() {
        return ValueType.<Secret>of(Secret.class, value -> {
            if (!strongEnough(value)) {
                throw Refusal.of("is too weak for an all-scope key: it needs at least " + MIN_BITS + " bits of"
                        + " entropy (22 or more random base64 characters, or 32 or more random hex digits); "
                        + HOW_TO_MAKE_ONE);
            }
            return Secret.of(value);
        }).optional().secret();
    }

    /** True when {@code value} could be a random string of at least {@link #MIN_BITS} bits. */
    static boolean strongEnough(String value) {
        String key = stripPadding(value);
        int bitsPerChar = key.chars().allMatch(AdminKeyRules::isHexDigit) ? 4 : 6;
        return (long) key.length() * bitsPerChar >= MIN_BITS && key.chars().distinct().count() >= MIN_DISTINCT
                && !isRepetition(key) && !isMostlySequence(key);
    }

    private static String stripPadding(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '=') {
            end--;
        }
        return value.substring(0, end);
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** {@code abcabcabc…}: the string is found in itself doubled before its own length. */
    private static boolean isRepetition(String key) {
        return (key + key).indexOf(key, 1) < key.length();
    }

    /** {@code abcdef…}, {@code 0123…}, {@code aceg…}: most steps between neighbours are the step before. */
    private static boolean isMostlySequence(String key) {
        int sameStep = 0;
        for (int i = 2; i < key.length(); i++) {
            if (key.charAt(i) - key.charAt(i - 1) == key.charAt(i - 1) - key.charAt(i - 2)) {
                sameStep++;
            }
        }
        return sameStep * 2 >= key.length() - 2;
    }
}
