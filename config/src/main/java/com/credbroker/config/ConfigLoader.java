package com.credbroker.config;

import com.credbroker.config.ValueType.Refusal;
import java.util.Map;

/**
 * Loads and validates the broker configuration once, before anything starts.
 *
 * <p>Precedence: built-in defaults &lt; the Java properties file named by {@code CREDBROKER_CONFIG}
 * (same keys as the environment, e.g. {@code CREDBROKER_PORT=9090}) &lt; the environment. Unknown
 * {@code CREDBROKER_*} names are refused. Every key of {@link ConfigTable} is parsed by its kind of value,
 * then {@link ConfigRelations} checks the rules between keys, and <em>all</em> problems are reported together
 * in one {@link ConfigException}; no value is trimmed, clamped or otherwise repaired. Problems never contain
 * a secret value.
 *
 * <p>When {@code CREDBROKER_DB_URL} is unset, the URL is {@code jdbc:h2:file:<absolute data dir>/credbroker}
 * with no options: durability and other H2 settings are appended by the storage layer.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * Loads from the given environment (and the file it names).
     *
     * @throws ConfigException listing every problem, when anything is invalid
     */
    public static BrokerConfig load(Map<String, String> env) {
        Problems problems = new Problems();
        Map<ConfigKey<?>, RawValue> merged = ConfigSources.merge(env, problems);
        ConfigBuilder values = ConfigBuilder.empty();
        for (ConfigKey<?> key : ConfigTable.all()) {
            parse(key, merged.get(key), values, problems);
        }
        ConfigRelations.check(new ConfigRelations.Parsed(values, merged), problems);
        // A value that failed its parse is missing; any problem means no config at all.
        problems.throwIfAny();
        return values.build();
    }

    private static <T> void parse(ConfigKey<T> key, RawValue raw, ConfigBuilder values, Problems problems) {
        values.set(key, key.type().absent());
        if (raw == null) {
            return;
        }
        if (raw.value().isEmpty()) {
            problems.add(key, raw, "is set but empty; unset it or give a value");
            return;
        }
        try {
            values.set(key, key.type().parse(raw.value()));
        } catch (Refusal refusal) {
            problems.add(refusal.isNamed() ? key.envName() + " " + refusal.getMessage()
                    : Problems.subject(key, raw) + ": " + refusal.getMessage());
        }
    }
}
