package com.credbroker.refresh.client;

import com.credbroker.storage.credential.CredentialSecrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection's {@code extra_data.connection_config}: its per-connection template fields and the values kept
 * from token responses ({@code connection_data}, e.g. Salesforce's {@code instance_url}). The provider resolver
 * reads it; code exchanges and refreshes add to it. Only string values count (a number is read as its text).
 * Stateless.
 */
public final class ConnectionConfigs {
    /** The key under {@code extra_data}. */
    public static final String KEY = "connection_config";

    private ConnectionConfigs() {
    }

    /** The connection's map; empty when it has none (or it is not an object). */
    public static Map<String, String> of(CredentialSecrets secrets) {
        if (secrets == null || !(secrets.extraData().get(KEY) instanceof Map<?, ?> stored)) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        stored.forEach((name, value) -> {
            if (name instanceof String key && (value instanceof String || value instanceof Number
                    || value instanceof Boolean)) {
                values.put(key, String.valueOf(value));
            }
        });
        return Map.copyOf(values);
    }

    /**
     * {@code extraData} with {@code captured} merged into its connection config (a captured value replaces the
     * stored one of the same name; the others stay). The same map when nothing was captured.
     */
    public static Map<String, Object> withCaptured(Map<String, Object> extraData, Map<String, String> captured) {
        if (captured.isEmpty()) {
            return extraData;
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        if (extraData.get(KEY) instanceof Map<?, ?> stored) {
            stored.forEach((name, value) -> merged.put(String.valueOf(name), value));
        }
        merged.putAll(captured);
        Map<String, Object> next = new LinkedHashMap<>(extraData);
        next.put(KEY, Map.copyOf(merged));
        return next;
    }
}
