package com.credbroker.refresh.provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reading, merging and writing templates as JSON. Strict: duplicate keys are a parse error and unknown fields
 * fail the conversion to {@link ProviderTemplate} (the validator reports them first, all together).
 */
final class TemplateJson {
    /** Objects an override merges key by key; every other field is replaced whole. */
    static final Set<String> MERGED_OBJECTS = Set.of("connection_fields", "authorization_params", "token_params",
            "refresh_params", "token_response", "connection_data", "headers", "identity", "token_headers");
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private TemplateJson() {
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /**
     * {@code base} with {@code override} applied: top-level fields replace, {@link #MERGED_OBJECTS} merge key
     * by key; a JSON {@code null} removes the field (or key). Neither input is changed.
     */
    static ObjectNode merge(ObjectNode base, JsonNode override) {
        ObjectNode merged = base.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                merged.remove(field);
            } else if (MERGED_OBJECTS.contains(field) && value.isObject() && merged.path(field).isObject()) {
                ObjectNode target = ((ObjectNode) merged.get(field));
                value.fields().forEachRemaining(kv -> {
                    if (kv.getValue().isNull()) {
                        target.remove(kv.getKey());
                    } else {
                        target.set(kv.getKey(), kv.getValue().deepCopy());
                    }
                });
            } else {
                merged.set(field, value.deepCopy());
            }
        }
        return merged;
    }

    /** The record of a template the validator passed. */
    static ProviderTemplate toTemplate(JsonNode json) {
        try {
            return MAPPER.treeToValue(json, ProviderTemplate.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // the validator accepted it, so this is a gap between validator and records, not bad input
            throw new IllegalStateException("template " + json.path("name").asText() + " passed validation but"
                    + " does not bind: " + e.getMessage(), e);
        }
    }

    /** The template as JSON, absent fields left out. */
    static ObjectNode toJson(ProviderTemplate template) {
        return MAPPER.valueToTree(template);
    }
}
