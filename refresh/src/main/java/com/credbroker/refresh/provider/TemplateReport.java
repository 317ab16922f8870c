package com.credbroker.refresh.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Collects problems of one template, with typed readers that report a wrong type instead of throwing. */
final class TemplateReport {
    final List<String> problems = new ArrayList<>();
    private final String source;

    TemplateReport(String source) {
        this.source = source;
    }

    void add(String path, String what) {
        problems.add(source + ": " + path + ": " + what);
    }

    boolean object(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            add(path, "must be a JSON object");
            return false;
        }
        return true;
    }

    void onlyKnown(JsonNode node, String path, Set<String> known) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                add(path + "." + f, "unknown field");
            }
        });
    }

    String requiredText(JsonNode node, String field) {
        return requiredText(node, null, field);
    }

    String requiredText(JsonNode node, String parent, String field) {
        String value = optionalText(node, parent, field);
        if (value == null && (node.get(field) == null || node.get(field).isNull())) {
            add(join(parent, field), "is required");
        } else if (value != null && value.isBlank()) {
            add(join(parent, field), "must not be blank");
        }
        return value;
    }

    String optionalText(JsonNode node, String parent, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            add(join(parent, field), "must be a string");
            return null;
        }
        return value.asText();
    }

    void oneOf(JsonNode node, String parent, String field, List<String> allowed) {
        String value = optionalText(node, parent, field);
        if (value != null && !allowed.contains(value)) {
            add(join(parent, field), "must be one of " + String.join(", ", allowed));
        }
    }

    /** An array of strings (each matching {@code pattern} when given); empty when absent or mistyped. */
    List<String> words(JsonNode node, String field, Pattern pattern) {
        JsonNode value = node.get(field);
        List<String> words = new ArrayList<>();
        if (value == null || value.isNull()) {
            return words;
        }
        if (!value.isArray()) {
            add(field, "must be an array of strings");
            return words;
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                add(field + "[" + i + "]", "must be a string");
            } else if (pattern != null && !pattern.matcher(value.get(i).asText()).matches()) {
                add(field + "[" + i + "]", "must match " + pattern.pattern());
            } else {
                words.add(value.get(i).asText());
            }
        }
        return words;
    }

    Map<String, String> stringMap(JsonNode node, String field, Pattern values, String valueKind) {
        return stringMap(node, field, values, valueKind, field);
    }

    /** An object of string values; entries of another type are reported and left out. */
    Map<String, String> stringMap(JsonNode node, String field, Pattern values, String valueKind, String path) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        JsonNode value = node.get(field);
        if (!object(value, path)) {
            return map;
        }
        value.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                add(path + "." + e.getKey(), "must be a string");
            } else if (values != null && !values.matcher(e.getValue().asText()).matches()) {
                add(path + "." + e.getKey(), "must be " + valueKind);
            } else {
                map.put(e.getKey(), e.getValue().asText());
            }
        });
        return map;
    }

    private static String join(String parent, String field) {
        return parent == null ? field : parent + "." + field;
    }
}
