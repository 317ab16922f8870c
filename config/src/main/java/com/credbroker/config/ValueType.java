package com.credbroker.config;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One kind of configuration value: how its text is parsed (a bad value is refused with a complaint, never
 * repaired), whether it is secret, how the start-up summary prints it, and what an unset key without a
 * default stands for. Immutable and thread-safe; the factories are in {@link ValueTypes}.
 *
 * @param <T> the parsed value's type, which is the type of the record component the key fills
 */
final class ValueType<T> {
    /** Parses one non-empty value. */
    interface Parse<T> {
        T parse(String text) throws Refusal;
    }

    private final Class<?> javaType;
    private final Parse<T> parse;
    private final boolean sensitive;
    private final Function<T, String> summary;
    private final T absent;

    ValueType(Class<?> javaType, Parse<T> parse, boolean sensitive, Function<T, String> summary, T absent) {
        this.javaType = javaType;
        this.parse = parse;
        this.sensitive = sensitive;
        this.summary = summary;
        this.absent = absent;
    }

    /** A plain, non-secret value printed as {@code String.valueOf}; an unset key has no value. */
    static <T> ValueType<T> of(Class<?> javaType, Parse<T> parse) {
        return new ValueType<>(javaType, parse, false, String::valueOf, null);
    }

    /** The same values, also refused when {@code rule} fails: {@code <NAME> <complaint>}, value not quoted. */
    ValueType<T> check(Predicate<T> rule, String complaint) {
        return new ValueType<>(javaType, text -> {
            T value = parse.parse(text);
            if (!rule.test(value)) {
                throw Refusal.named(complaint);
            }
            return value;
        }, sensitive, summary, absent);
    }

    /** Unset means {@link Optional#empty()}, printed {@code unset}. */
    ValueType<Optional<T>> optional() {
        return new ValueType<>(Optional.class, text -> Optional.of(parse.parse(text)), sensitive,
                value -> value.map(summary).orElse("unset"), Optional.empty());
    }

    /** A secret: never quoted in a problem; the summary says only whether it is set. */
    ValueType<T> secret() {
        return new ValueType<>(javaType, parse, true, value -> isSet(value) ? "set" : "unset", absent);
    }

    /** Sensitive (never quoted in a problem) but printed through {@code mask}. */
    ValueType<T> sensitive(Function<T, String> mask) {
        return new ValueType<>(javaType, parse, true, mask, absent);
    }

    /** Printed through {@code format}. */
    ValueType<T> printed(Function<T, String> format) {
        return new ValueType<>(javaType, parse, sensitive, format, absent);
    }

    /** What an unset key without a default stands for. */
    ValueType<T> absentAs(T value) {
        return new ValueType<>(javaType, parse, sensitive, summary, value);
    }

    private static boolean isSet(Object value) {
        return value != null && !(value instanceof Optional<?> optional && optional.isEmpty());
    }

    T parse(String text) throws Refusal {
        return parse.parse(text);
    }

    Class<?> javaType() {
        return javaType;
    }

    boolean sensitive() {
        return sensitive;
    }

    String summarize(T value) {
        return summary.apply(value);
    }

    T absent() {
        return absent;
    }

    /**
     * A refused value. The complaint never contains the value: the loader adds the quoted value (unless the
     * key is sensitive) and its origin, or for a {@link #named} refusal only the key's name.
     */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean named;

        private Refusal(String complaint, boolean named) {
            super(complaint, null, false, false);
            this.named = named;
        }

        /** Reported as {@code NAME="value" (origin): complaint}. */
        static Refusal of(String complaint) {
            return new Refusal(complaint, false);
        }

        /** Reported as {@code NAME complaint}. */
        static Refusal named(String complaint) {
            return new Refusal(complaint, true);
        }

        boolean isNamed() {
            return named;
        }
    }
}
