package com.credbroker.broker.authconfig;

import com.credbroker.broker.domain.ProviderConfigException;
import com.credbroker.refresh.client.ConnectionConfigs;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.storage.authconfig.AuthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The checks of provider template bindings, on the injected {@link ProviderResolver} ({@link
 * ProviderResolver#PLAIN} until a catalogue is wired): an auth config must be usable on its own, and a
 * connection's {@code connection_config} must be well formed, must not repeat a field the auth config fixes
 * ({@code connection_fields}) and must satisfy the template. Every problem is reported at once
 * ({@link ProviderConfigException}, 400). A connection's {@code connection_config} is stored in its
 * {@code extra_data.connection_config}. Thread-safe when the resolver is.
 */
public final class ProviderChecks {
    /** The key of a connection's per-connection fields inside its {@code extra_data}. */
    public static final String CONNECTION_CONFIG = ConnectionConfigs.KEY;
    static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    static final int MAX_FIELDS = 32;
    static final int MAX_VALUE = 1024;

    private final ProviderResolver resolver;

    public ProviderChecks(ProviderResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Refuses an auth config whose template binding does not resolve ({@code problems(config, {}, false)}). */
    public void requireUsable(AuthConfig config) {
        List<String> problems = resolver.problems(config, Map.of(), false);
        if (!problems.isEmpty()) {
            throw new ProviderConfigException(problems);
        }
    }

    /**
     * Refuses a connection's per-connection fields that are malformed, repeat one of the auth config's fixed
     * {@code connection_fields}, or that the template refuses ({@code problems(config, connectionConfig, true)}).
     */
    public void requireConnectionConfig(AuthConfig config, Map<String, String> connectionConfig) {
        List<String> problems = new ArrayList<>(shapeProblems(CONNECTION_CONFIG, connectionConfig));
        if (config.template() != null) {
            connectionConfig.keySet().stream().filter(config.template().connectionFields()::containsKey).sorted()
                    .forEach(field -> problems.add("connection_config." + field + " is fixed by the auth config"
                            + " (its connection_fields) and cannot be given per connection"));
        }
        if (problems.isEmpty()) {
            problems.addAll(resolver.problems(config, connectionConfig, true));
        }
        if (!problems.isEmpty()) {
            throw new ProviderConfigException(problems);
        }
    }

    /**
     * The {@code connection_config} kept in a connection's extra data: empty when absent, refused (400) when it
     * is not an object of strings.
     */
    public static Map<String, String> connectionConfigOf(Map<String, Object> extraData) {
        Object value = extraData == null ? null : extraData.get(CONNECTION_CONFIG);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)
                || map.values().stream().anyMatch(v -> !(v instanceof String))) {
            throw new ProviderConfigException(List.of("extra_data.connection_config must be an object of strings"));
        }
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((k, v) -> strings.put(String.valueOf(k), (String) v));
        return strings;
    }

    /** Field names and value sizes, without quoting a value (a name that is not one is not quoted either). */
    static List<String> shapeProblems(String field, Map<String, String> fields) {
        List<String> problems = new ArrayList<>();
        if (fields.size() > MAX_FIELDS) {
            problems.add(field + " may hold at most " + MAX_FIELDS + " fields");
        }
        fields.forEach((name, value) -> {
            if (name == null || !FIELD_NAME.matcher(name).matches()) {
                problems.add(field + " has a key that is not a field name (1-64 characters of A-Z a-z 0-9 _ . -)");
            } else if (value == null || value.isEmpty() || value.length() > MAX_VALUE) {
                problems.add(field + "." + name + " must be a string of 1-" + MAX_VALUE + " characters");
            }
        });
        return problems;
    }
}
