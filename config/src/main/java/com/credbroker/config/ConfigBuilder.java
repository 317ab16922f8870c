package com.credbroker.config;

import com.credbroker.config.ValueType.Refusal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@link BrokerConfig} record tree from one value per {@link ConfigTable} key. {@link ConfigLoader}
 * fills it from validated input; tests start from {@link BrokerConfig#builder()} (the built-in defaults) or
 * {@link BrokerConfig#toBuilder()} and change the keys they care about, instead of calling long positional
 * constructors.
 *
 * <p>A builder checks types, not values: it does not apply {@link ConfigTable}'s parsers or
 * {@link ConfigRelations}. Operator input reaches a {@link BrokerConfig} only through {@link ConfigLoader}.
 * Not thread-safe.
 */
public final class ConfigBuilder {
    private final Map<ConfigKey<?>, Object> values;

    private ConfigBuilder(Map<ConfigKey<?>, Object> values) {
        this.values = values;
    }

    /** Every key unset; the loader sets them all. */
    static ConfigBuilder empty() {
        return new ConfigBuilder(new HashMap<>());
    }

    /** Every key at its built-in default (what an empty environment loads). */
    static ConfigBuilder defaults() {
        Map<ConfigKey<?>, Object> values = new HashMap<>();
        for (ConfigKey<?> key : ConfigTable.all()) {
            values.put(key, defaultOf(key));
        }
        return new ConfigBuilder(values);
    }

    /** Every key as in {@code config}. */
    static ConfigBuilder from(BrokerConfig config) {
        Map<ConfigKey<?>, Object> values = new HashMap<>();
        for (ConfigKey<?> key : ConfigTable.all()) {
            values.put(key, RecordTree.read(config, key));
        }
        return new ConfigBuilder(values);
    }

    /** Sets one key; {@code value} has the type of the component the key fills. */
    public <T> ConfigBuilder set(ConfigKey<T> key, T value) {
        values.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    /** Sets every key that fills a component of {@code slice}'s type (one of {@link BrokerConfig}'s slices) from it. */
    public ConfigBuilder slice(Record slice) {
        for (ConfigKey<?> key : ConfigTable.all()) {
            if (key.slice() == slice.getClass()) {
                values.put(key, RecordTree.readComponent(slice, key));
            }
        }
        return this;
    }

    /** The record tree; each record's own invariants still apply. */
    public BrokerConfig build() {
        return RecordTree.build(values::get);
    }

    @SuppressWarnings("unchecked")
    <T> T get(ConfigKey<T> key) {
        return (T) values.get(key);
    }

    private static <T> T defaultOf(ConfigKey<T> key) {
        if (key.defaultValue().isEmpty()) {
            return key.type().absent();
        }
        try {
            return key.type().parse(key.defaultValue().get());
        } catch (Refusal e) {
            throw new IllegalStateException(key + ": the built-in default is refused: " + e.getMessage());
        }
    }
}
