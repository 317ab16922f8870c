package com.credbroker.refresh.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One replica fixture of {@code provider-replicas/<name>.json} (what a provider's documentation shows its
 * endpoints answer; see PROVIDERS-SPEC "Replica fixtures"), and how its template is pointed at a local stub:
 * every URL of the template keeps its path and query, on {@code origin} instead of the provider's host.
 */
record Replica(String file, JsonNode json) {
    static final String DIR = "/provider-replicas";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9_]+)}");
    private static final List<String> ENDPOINTS = List.of("authorization_url", "token_url", "refresh_url",
            "revocation_url");

    /** Every fixture, by file name. */
    static Stream<Replica> all() {
        try (Stream<Path> files = Files.list(Path.of(Replica.class.getResource(DIR).toURI()))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Replica::read).toList().stream();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list " + DIR, e);
        }
    }

    private static Replica read(Path file) {
        try {
            return new Replica(file.getFileName().toString(), MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    String provider() {
        return json.path("provider").asText();
    }

    boolean has(String field) {
        return json.hasNonNull(field);
    }

    JsonNode get(String field) {
        return json.path(field);
    }

    /** The fixture's {@code connection_fields} (empty when it has none). */
    Map<String, String> connectionFields() {
        return strings(json.path("connection_fields"));
    }

    /** The scopes the fixture requests, or null for the template's defaults. */
    List<String> scopes() {
        return json.has("scopes") ? MAPPER.convertValue(json.get("scopes"), List.class) : null;
    }

    /** Text values of an object (numbers as text; null stays null). */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null
                : e.getValue().asText()));
        return out;
    }

    /**
     * Overrides pointing every URL of {@code template} at {@code origin} ({@code http://127.0.0.1:port}): the
     * endpoints, the base URL, an absolute health endpoint and an absolute identity URL, each with the
     * fixture's connection fields filled in first. A leading connection-data placeholder of the base URL
     * ({@code {instance_url}}) becomes the origin.
     */
    Map<String, Object> overrides(ObjectNode template, String origin) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (String field : ENDPOINTS) {
            if (template.hasNonNull(field)) {
                overrides.put(field, local(template.get(field).asText(), origin));
            }
        }
        if (template.hasNonNull("base_url")) {
            overrides.put("base_url", local(template.get("base_url").asText(), origin));
        }
        String health = template.path("health_endpoint").asText("");
        if (absolute(health)) {
            overrides.put("health_endpoint", local(health, origin));
        }
        String identity = template.path("identity").path("url").asText("");
        if (absolute(identity)) {
            overrides.put("identity", Map.of("url", local(identity, origin)));
        }
        return overrides;
    }

    /** The path of a template URL (fields filled), as the stub sees it; relative ones joined to the base URL. */
    String path(ObjectNode template, String url) {
        String filled = fill(url);
        if (!absolute(filled) && !PLACEHOLDER.matcher(filled).lookingAt()) {
            String base = path(template, template.path("base_url").asText());
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                    + (filled.startsWith("/") ? "" : "/") + filled.replaceFirst("\\?.*", "");
        }
        return URI.create(local(filled, "http://stub")).getRawPath();
    }

    static boolean absolute(String url) {
        return url.startsWith("https://") || url.startsWith("http://");
    }

    private String local(String url, String origin) {
        String filled = fill(url);
        Matcher leading = PLACEHOLDER.matcher(filled);
        if (leading.lookingAt()) {
            return origin + filled.substring(leading.end());
        }
        URI uri = URI.create(filled);
        return origin + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private String fill(String url) {
        Map<String, String> fields = connectionFields();
        Matcher m = PLACEHOLDER.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = fields.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The decoded query parameters of a URL (the last of a repeated name). */
    static Map<String, String> query(URI url) {
        Map<String, String> out = new LinkedHashMap<>();
        if (url.getRawQuery() == null) {
            return out;
        }
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    @Override
    public String toString() {
        return file;
    }
}
