package com.credbroker.config;

import java.util.Optional;

/**
 * One row of {@link ConfigTable}: a configuration key's name, built-in default, kind of value (its parser,
 * whether it is secret, how the summary prints it), the record component it fills and the one line that
 * documents it. The same names are used in the environment and in the optional properties file named by
 * {@code CREDBROKER_CONFIG}. Immutable; compared by identity (there is one instance per key).
 *
 * <p>A secret key's value never appears in a problem or a summary. {@link ConfigTable#DB_URL} is treated
 * the same way because a JDBC URL can embed a password.
 *
 * @param <T> the type of the value, which is the type of the record component it fills
 */
public final class ConfigKey<T> {
    /** Prefix shared by every key. */
    public static final String PREFIX = "CREDBROKER_";
    /** Names the optional properties file; read from the environment only. */
    public static final String CONFIG_FILE = PREFIX + "CONFIG";

    private final String name;
    private final String defaultValue;
    private final ValueType<T> type;
    private final Class<? extends Record> slice;
    private final String component;
    private final String doc;

    ConfigKey(String name, String defaultValue, ValueType<T> type, Class<? extends Record> slice, String component,
            String doc) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.type = type;
        this.slice = slice;
        this.component = component;
        this.doc = doc;
    }

    /** The variable name, e.g. {@code CREDBROKER_PORT}. */
    public String envName() {
        return PREFIX + name;
    }

    /** The built-in default as written; empty when the key has none (optional, or derived like the DB URL). */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** True when the value must never be printed. */
    public boolean sensitive() {
        return type.sensitive();
    }

    /** What the key does, one line of Markdown (the README's configuration table). */
    public String doc() {
        return doc;
    }

    /** The record ({@link BrokerConfig} or one of its slices) whose component this key fills. */
    public Class<? extends Record> slice() {
        return slice;
    }

    /** The name of the record component this key fills. */
    public String component() {
        return component;
    }

    ValueType<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return envName();
    }
}
