package com.credbroker.broker.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/** The JSON codec of the wire: strict on input, errors that name a field but never echo a value. */
public final class Json {
    private static final int MAX_NESTING = 32;

    private final ObjectMapper mapper;

    public Json() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(1_000_000)
                        .build())
                // a second value for a key would silently win: refused instead (400 invalid_json)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // 42 or true where a string belongs is the caller's mistake (422), not "42" or "true"
                .withCoercionConfig(LogicalType.Textual, textual -> textual
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response could not be serialised", e);
        }
    }

    public JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("request body is empty");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("request body must be a JSON object");
            }
            return node;
        } catch (StreamReadException e) {
            throw isDuplicateKey(e) ? new ApiException(400, "invalid_json", "request body names a key twice in one"
                    + " object; send each key once") : ApiException.badRequest("request body is not valid JSON");
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("request body is not valid JSON");
        }
    }

    /** Jackson reports a duplicate key only by its message; the key itself is never repeated to the caller. */
    private static boolean isDuplicateKey(StreamReadException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
    }

    public <T> T read(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.validation("unknown field '" + safeName(e.getPropertyName()) + "'");
        } catch (JsonMappingException e) {
            throw ApiException.validation("invalid value for field '" + path(e) + "'");
        } catch (JacksonException e) {
            throw ApiException.badRequest("request body is not valid JSON");
        }
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .map(Json::safeName)
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "(root)" : path;
    }

    /** Field names are caller-controlled too: keep them short and printable. */
    static String safeName(String name) {
        if (name == null) {
            return "?";
        }
        String cleaned = name.replaceAll("[^A-Za-z0-9_.\\[\\]-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
