package com.credbroker.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses merged raw values into typed values. Every failure is recorded in {@link Problems} and
 * the method returns {@code null} (or empty), so that parsing continues and all problems are
 * reported together. Nothing is trimmed or otherwise repaired.
 */
final class ValueParser {
    private final Map<ConfigKey, RawValue> values;
    private final Problems problems;
    private final Set<ConfigKey> reportedEmpty = EnumSet.noneOf(ConfigKey.class);

    ValueParser(Map<ConfigKey, RawValue> values, Problems problems) {
        this.values = values;
        this.problems = problems;
    }

    /** The raw value, or empty when unset or (reported once) set but empty. */
    Optional<RawValue> raw(ConfigKey key) {
        RawValue raw = values.get(key);
        if (raw != null && raw.value().isEmpty()) {
            if (reportedEmpty.add(key)) {
                problems.add(key, raw, "is set but empty; unset it or give a value");
            }
            return Optional.empty();
        }
        return Optional.ofNullable(raw);
    }

    Optional<String> text(ConfigKey key) {
        return raw(key).map(RawValue::value);
    }

    Optional<Secret> secret(ConfigKey key) {
        return text(key).map(Secret::of);
    }

    Long longIn(ConfigKey key, long min, long max) {
        return raw(key).map(raw -> {
            try {
                long value = Long.parseLong(raw.value());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below, with the same wording as an out-of-range value
            }
            problems.add(key, raw, "must be a whole number from " + min + " to " + max);
            return null;
        }).orElse(null);
    }

    Integer intIn(ConfigKey key, int min, int max) {
        Long value = longIn(key, min, max);
        return value == null ? null : value.intValue();
    }

    Duration positiveDuration(ConfigKey key) {
        return duration(key, false);
    }

    Duration nonNegativeDuration(ConfigKey key) {
        return duration(key, true);
    }

    private Duration duration(ConfigKey key, boolean zeroAllowed) {
        return raw(key).map(raw -> {
            try {
                Duration value = Duration.parse(raw.value());
                if (!value.isNegative() && (zeroAllowed || !value.isZero())) {
                    return value;
                }
                problems.add(key, raw, zeroAllowed ? "must not be negative" : "must be a positive duration");
            } catch (DateTimeParseException e) {
                problems.add(key, raw, "must be an ISO-8601 duration such as PT30S or PT5M");
            }
            return null;
        }).orElse(null);
    }

    Boolean bool(ConfigKey key) {
        return raw(key).map(raw -> switch (raw.value()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                problems.add(key, raw, "must be true or false");
                yield null;
            }
        }).orElse(null);
    }

    String oneOf(ConfigKey key, Set<String> allowed) {
        return raw(key).map(raw -> {
            if (allowed.contains(raw.value())) {
                return raw.value();
            }
            problems.add(key, raw, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
            return null;
        }).orElse(null);
    }

    Optional<Path> path(ConfigKey key) {
        return raw(key).flatMap(raw -> {
            try {
                return Optional.of(Path.of(raw.value()).toAbsolutePath().normalize());
            } catch (InvalidPathException e) {
                problems.add(key, raw, "is not a valid path");
                return Optional.empty();
            }
        });
    }
}
