package com.credbroker.refresh.provider;

import com.credbroker.config.ConfigException;
import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.provider.CatalogueSources.Source;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The provider templates this broker knows: every {@code providers/*.json} shipped in the jar, then the
 * operator's {@code CREDBROKER_PROVIDERS_FILE} (a file with one template or an array of them, or a directory
 * of {@code *.json}), whose entries override a shipped template field by field (top-level fields replace;
 * {@link TemplateJson#MERGED_OBJECTS} merge key by key; {@code null} removes) or add new, complete ones.
 * Loaded once at start; immutable after. A load with any problem fails with a {@link ConfigException} that
 * lists every problem of every file, each naming the file and the field.
 */
public final class ProviderCatalogue {
    /** The resource folder of the shipped templates. */
    public static final String SHIPPED = "providers";

    private final Map<String, ObjectNode> json;
    private final Map<String, ProviderTemplate> templates;
    private final boolean allowInsecureUrls;

    private ProviderCatalogue(Map<String, ObjectNode> json, boolean allowInsecureUrls) {
        this.json = json;
        Map<String, ProviderTemplate> built = new TreeMap<>();
        json.forEach((name, node) -> built.put(name, TemplateJson.toTemplate(node)));
        this.templates = Collections.unmodifiableMap(built);
        this.allowInsecureUrls = allowInsecureUrls;
    }

    /** The shipped templates plus {@link RefreshConfig#providersFile()}; https only unless insecure URLs are allowed. */
    public static ProviderCatalogue load(RefreshConfig config) {
        return load(ProviderCatalogue.class.getClassLoader(), SHIPPED, config.providersFile(),
                config.allowInsecureTokenUrls());
    }

    /**
     * The templates in resource folder {@code resourceDir} of {@code loader}, then the operator's.
     *
     * @param allowInsecureUrls the operator's templates and auth config overrides may use plain-http URLs
     *                          (shipped templates are always https)
     * @throws ConfigException listing every problem of every file
     */
    public static ProviderCatalogue load(ClassLoader loader, String resourceDir, Optional<Path> operatorPath,
            boolean allowInsecureUrls) {
        List<String> problems = new ArrayList<>();
        Map<String, ObjectNode> shipped = new TreeMap<>();
        TemplateValidator strict = new TemplateValidator(false);
        for (Source source : CatalogueSources.shipped(loader, resourceDir, ProviderCatalogue.class)) {
            JsonNode node = parse(source, problems);
            if (node != null) {
                List<String> found = strict.problems(source.sourceName(), node, source.baseName());
                problems.addAll(found);
                if (found.isEmpty()) {
                    shipped.put(source.baseName(), (ObjectNode) node);
                }
            }
        }
        Map<String, ObjectNode> all = new TreeMap<>(shipped);
        operatorPath.ifPresent(path -> addOperator(path, shipped, all, new TemplateValidator(allowInsecureUrls),
                problems));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ProviderCatalogue(Collections.unmodifiableMap(all), allowInsecureUrls);
    }

    /** A catalogue without templates (tests, and brokers that use none). */
    public static ProviderCatalogue empty() {
        return new ProviderCatalogue(Map.of(), false);
    }

    private static void addOperator(Path path, Map<String, ObjectNode> shipped, Map<String, ObjectNode> all,
            TemplateValidator validator, List<String> problems) {
        List<Source> sources;
        try {
            sources = CatalogueSources.operator(path);
        } catch (NoSuchFileException e) {
            problems.add("CREDBROKER_PROVIDERS_FILE: " + path + " does not exist");
            return;
        } catch (IOException e) {
            problems.add("CREDBROKER_PROVIDERS_FILE: " + path + " cannot be read (" + e.getClass().getSimpleName() + ")");
            return;
        }
        Map<String, String> seen = new TreeMap<>();
        for (Source source : sources) {
            JsonNode node = parse(source, problems);
            if (node == null) {
                continue;
            }
            List<JsonNode> entries = new ArrayList<>();
            node.elements().forEachRemaining(entries::add);
            boolean array = node.isArray();
            for (int i = 0; i < (array ? entries.size() : 1); i++) {
                String where = array ? source.sourceName() + "[" + i + "]" : source.sourceName();
                addEntry(where, array ? entries.get(i) : node, shipped, all, validator, problems, seen);
            }
        }
    }

    private static void addEntry(String where, JsonNode entry, Map<String, ObjectNode> shipped,
            Map<String, ObjectNode> all, TemplateValidator validator, List<String> problems, Map<String, String> seen) {
        if (!entry.isObject() || !entry.path("name").isTextual()) {
            problems.add(where + ": name: is required (every operator entry names the template it adds or overrides)");
            return;
        }
        String name = entry.get("name").asText();
        String earlier = seen.putIfAbsent(name, where);
        if (earlier != null) {
            problems.add(where + ": name: " + name + " is already given in " + earlier);
            return;
        }
        ObjectNode base = shipped.get(name);
        ObjectNode merged = base == null ? (ObjectNode) entry : TemplateJson.merge(base, entry);
        String source = base == null ? where : where + " (overriding shipped " + name + ")";
        List<String> found = validator.problems(source, merged, null);
        problems.addAll(found);
        if (found.isEmpty()) {
            all.put(name, merged);
        }
    }

    private static JsonNode parse(Source source, List<String> problems) {
        try {
            return TemplateJson.parse(source.text());
        } catch (JsonProcessingException e) {
            problems.add(source.sourceName() + ": not valid JSON" + (e.getLocation() == null ? "" : " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
            return null;
        }
    }

    /** The template named {@code name}, if there is one. */
    public Optional<ProviderTemplate> find(String name) {
        return Optional.ofNullable(name == null ? null : templates.get(name));
    }

    /** Every template, by name. */
    public List<ProviderTemplate> all() {
        return List.copyOf(templates.values());
    }

    public int size() {
        return templates.size();
    }

    /** The template as JSON (what {@code GET /admin/providers/{name}} shows): a copy, absent fields left out. */
    public Optional<ObjectNode> json(String name) {
        return find(name).map(TemplateJson::toJson);
    }

    /** The template's JSON for merging overrides (not a copy: callers never change it). */
    ObjectNode rawJson(String name) {
        return json.get(name);
    }

    /** Whether operator templates and overrides may use plain http (CREDBROKER_ALLOW_INSECURE_TOKEN_URLS). */
    public boolean allowInsecureUrls() {
        return allowInsecureUrls;
    }
}
