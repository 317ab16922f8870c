package com.credbroker.storage.authconfig;

import com.credbroker.storage.db.StorageException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/**
 * The {@code provider}, {@code provider_overrides} and {@code connection_fields} columns of an auth config:
 * a {@link TemplateBinding} as a name and two JSON object texts. Keys are written sorted (at every depth),
 * so one binding always gives the same text: the sealed row binding compares the texts. An empty map is
 * stored as NULL, and NULL reads as an empty map. Nothing here is secret.
 */
final class TemplateColumns {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private TemplateColumns() {
    }

    static String provider(AuthConfig c) {
        return c.template() == null ? null : c.template().provider();
    }

    static String overrides(AuthConfig c) {
        return c.template() == null ? null : text(c.template().overrides());
    }

    static String connectionFields(AuthConfig c) {
        return c.template() == null ? null : text(c.template().connectionFields());
    }

    /** The binding stored in these columns; null when {@code provider} is. */
    static TemplateBinding read(String provider, String overrides, String connectionFields) {
        if (provider == null) {
            return null;
        }
        return new TemplateBinding(provider, parse(overrides, OBJECT), parse(connectionFields, STRINGS));
    }

    private static String text(Map<String, ?> map) {
        if (map.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("provider overrides must be JSON values");
        }
    }

    private static <T> T parse(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StorageException("stored provider overrides or connection fields are not readable");
        }
    }
}
