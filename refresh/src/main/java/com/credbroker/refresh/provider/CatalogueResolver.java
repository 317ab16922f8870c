package com.credbroker.refresh.provider;

import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.TemplateBinding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The catalogue-backed {@link ProviderResolver}: an auth config without a template resolves to its own
 * endpoints ({@link ResolvedProvider#of}); one with a template gets the template, with the config's
 * {@code provider_overrides} applied by the operator-file rules and validated again, and every placeholder
 * filled from the config's fixed connection fields and the connection's {@code connection_config}. Each value is
 * checked against its field's pattern and refused if it could change a URL's host or path, before any request.
 * Problems name the field, never a value. Thread-safe (the catalogue is immutable).
 */
public final class CatalogueResolver implements ProviderResolver {
    private final ProviderCatalogue catalogue;
    private final TemplateValidator validator;

    public CatalogueResolver(ProviderCatalogue catalogue) {
        this.catalogue = catalogue;
        this.validator = new TemplateValidator(catalogue.allowInsecureUrls());
    }

    /**
     * @throws ProviderException when the provider is unknown, an override is refused, or a connection field is
     *                           missing or refused (message: every problem, by field)
     */
    @Override
    public ResolvedProvider resolve(AuthConfig config, Map<String, String> connectionConfig) {
        if (config.template() == null) {
            return ResolvedProvider.of(config);
        }
        Prepared prepared = prepare(config, connectionConfig, true);
        if (!prepared.problems().isEmpty()) {
            throw new ProviderException(String.join("; ", prepared.problems()));
        }
        return new ResolvedProviders(catalogue.allowInsecureUrls()).build(config, prepared.template(),
                prepared.values());
    }

    @Override
    public List<String> problems(AuthConfig config, Map<String, String> connectionConfig, boolean forConnection) {
        if (config.template() == null) {
            return List.of();
        }
        Prepared prepared = prepare(config, connectionConfig, forConnection);
        if (!prepared.problems().isEmpty()
                || !prepared.values().keySet().containsAll(prepared.template().connectionFields().keySet())) {
            return prepared.problems();
        }
        try { // the filled URLs' own checks: a value may pass its pattern yet make a host URI cannot parse
            new ResolvedProviders(catalogue.allowInsecureUrls()).build(config, prepared.template(), prepared.values());
            return List.of();
        } catch (ProviderException e) {
            return List.of(e.getMessage());
        }
    }

    /** The merged template (null when it cannot be built), the checked placeholder values and every problem. */
    private record Prepared(ProviderTemplate template, Map<String, String> values, List<String> problems) {
    }

    private Prepared prepare(AuthConfig config, Map<String, String> connectionConfig, boolean forConnection) {
        TemplateBinding binding = config.template();
        Map<String, String> given = connectionConfig == null ? Map.of() : connectionConfig;
        List<String> problems = new ArrayList<>();
        ObjectNode base = catalogue.rawJson(binding.provider());
        if (base == null) {
            problems.add("provider: no provider template is named " + printable(binding.provider()));
            return new Prepared(null, Map.of(), problems);
        }
        ProviderTemplate template;
        if (binding.overrides().isEmpty()) {
            template = catalogue.find(binding.provider()).orElseThrow(); // validated at load
        } else {
            ObjectNode merged = applyOverrides(base, binding.overrides(), problems);
            if (!problems.isEmpty()) {
                return new Prepared(null, Map.of(), problems);
            }
            template = TemplateJson.toTemplate(merged);
        }
        Map<String, String> values = new HashMap<>();
        checkFields(template, binding.connectionFields(), given, forConnection, values, problems);
        checkConnectionData(template, given, values, problems);
        return new Prepared(template, values, problems);
    }

    private ObjectNode applyOverrides(ObjectNode base, Map<String, Object> overrides, List<String> problems) {
        Map<String, Object> usable = new LinkedHashMap<>();
        overrides.forEach((field, value) -> {
            if (!TemplateValidator.FIELDS.contains(field)) {
                problems.add("provider_overrides." + field + ": not a template field");
            } else if (field.equals("name")) {
                problems.add("provider_overrides.name: cannot be overridden (choose another provider)");
            } else {
                usable.put(field, value);
            }
        });
        JsonNode override = TemplateJson.MAPPER.valueToTree(usable);
        ObjectNode merged = TemplateJson.merge(base, override);
        problems.addAll(validator.problems("provider_overrides", merged, null));
        if ("required".equals(base.path("pkce").asText()) && "off".equals(merged.path("pkce").asText())) {
            problems.add("provider_overrides.pkce: the provider requires PKCE; it cannot be turned off");
        }
        return merged;
    }

    private static void checkFields(ProviderTemplate template, Map<String, String> fixed, Map<String, String> given,
            boolean forConnection, Map<String, String> values, List<String> problems) {
        fixed.keySet().stream().filter(k -> !template.connectionFields().containsKey(k)).sorted().forEach(k ->
                problems.add("connection_fields." + printable(k) + ": not a connection field of provider "
                        + template.name()));
        template.connectionFields().forEach((name, field) -> {
            String value = fixed.containsKey(name) ? fixed.get(name) : given.get(name);
            if (fixed.containsKey(name) && given.containsKey(name) && !fixed.get(name).equals(given.get(name))) {
                problems.add("connection_fields." + name + ": is fixed by the auth config");
            } else if (value == null) {
                if (forConnection) {
                    problems.add("connection_fields." + name + ": is required"
                            + (field.example() == null ? "" : " (e.g. " + field.example() + ")"));
                }
            } else {
                String refusal = refusal(value, Pattern.compile(field.pattern()));
                if (refusal != null) {
                    problems.add("connection_fields." + name + ": " + refusal);
                } else {
                    values.put(name, value);
                }
            }
        });
    }

    /** Connection data the base URL uses: refused when it could move the URL; absent ones stay placeholders. */
    private void checkConnectionData(ProviderTemplate template, Map<String, String> given, Map<String, String> values,
            List<String> problems) {
        if (template.baseUrl() == null) {
            return;
        }
        for (String name : Placeholders.names(template.baseUrl())) {
            if (!template.connectionData().containsKey(name) || given.get(name) == null) {
                continue;
            }
            String refusal = BaseUrls.leading(template.baseUrl(), name)
                    ? Placeholders.unsafeUrlValue(given.get(name), catalogue.allowInsecureUrls())
                    : Placeholders.unsafeValue(given.get(name));
            if (refusal != null) {
                problems.add("connection_config." + name + ": " + refusal);
            } else {
                values.put(name, given.get(name));
            }
        }
    }

    private static String refusal(String value, Pattern pattern) {
        String unsafe = Placeholders.unsafeValue(value);
        if (unsafe != null) {
            return unsafe;
        }
        return pattern.matcher(value).matches() ? null : "does not match the field's pattern";
    }

    /** A name from a request, shown only when it is a plain name (it might be anything). */
    private static String printable(String name) {
        return name != null && name.matches("[A-Za-z0-9_.-]{1,64}") ? name : "(unprintable name)";
    }
}
