package com.credbroker.config;

import com.credbroker.config.ValueType.Refusal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The general kinds of value: whole numbers in a range, durations, booleans, one of a set of words,
 * paths, text and secrets. Values are taken exactly as written: nothing is trimmed, clamped or rounded.
 * Kinds with rules of their own live beside those rules ({@link DatabaseUrls}, {@link MasterKeyRules},
 * {@link AdminKeyRules}, {@link ConnectRules}, {@link ServerRules}).
 */
final class ValueTypes {
    private ValueTypes() {
    }

    static ValueType<Long> longIn(long min, long max) {
        return ValueType.of(Long.class, text -> wholeNumber(text, min, max));
    }

    static ValueType<Integer> intIn(int min, int max) {
        return ValueType.of(Integer.class, text -> (int) wholeNumber(text, min, max));
    }

    private static long wholeNumber(String text, long min, long max) throws Refusal {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same wording as an out-of-range value
        }
        throw Refusal.of("must be a whole number from " + min + " to " + max);
    }

    static ValueType<Duration> positiveDuration() {
        return ValueType.of(Duration.class, text -> duration(text, false));
    }

    static ValueType<Duration> nonNegativeDuration() {
        return ValueType.of(Duration.class, text -> duration(text, true));
    }

    private static Duration duration(String text, boolean zeroAllowed) throws Refusal {
        Duration value;
        try {
            value = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw Refusal.of("must be an ISO-8601 duration such as PT30S or PT5M");
        }
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw Refusal.of(zeroAllowed ? "must not be negative" : "must be a positive duration");
        }
        return value;
    }

    static ValueType<Boolean> bool() {
        return ValueType.of(Boolean.class, text -> switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw Refusal.of("must be true or false");
        });
    }

    static ValueType<String> oneOf(Set<String> allowed) {
        return ValueType.of(String.class, text -> {
            if (!allowed.contains(text)) {
                throw Refusal.of("must be one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
            return text;
        });
    }

    /** Absolute and normalized. */
    static ValueType<Path> path() {
        return ValueType.of(Path.class, text -> {
            try {
                return Path.of(text).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw Refusal.of("is not a valid path");
            }
        });
    }

    static ValueType<String> text() {
        return ValueType.of(String.class, text -> text);
    }

    /** Any non-empty text, held as a {@link Secret}; unset is empty. */
    static ValueType<java.util.Optional<Secret>> secret() {
        return ValueType.<Secret>of(Secret.class, Secret::of).optional().secret();
    }
}
