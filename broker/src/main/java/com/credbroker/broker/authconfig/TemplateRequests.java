package com.credbroker.broker.authconfig;

import com.credbroker.broker.domain.ProviderConfigException;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.TemplateBinding;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The provider template part of auth config bodies: {@code provider}, {@code provider_overrides},
 * {@code connection_fields}. With a provider, the template gives the endpoints: an explicit
 * {@code token_endpoint}, {@code authorization_endpoint} or {@code revocation_endpoint} is stored as the
 * override {@code token_url}, {@code authorization_url} or {@code revocation_url} (sending both is refused),
 * and the endpoint columns stay empty. Shape problems are all reported together (400); whether the template
 * knows the provider and the overrides is the resolver's to say ({@link ProviderChecks}).
 */
final class TemplateRequests {
    static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** The width of the overrides and connection fields columns. */
    static final int MAX_JSON = 16_384;
    /** Endpoint field of the auth config -> the template field it overrides. */
    static final Map<String, String> ENDPOINT_OVERRIDES = Map.of("token_endpoint", "token_url",
            "authorization_endpoint", "authorization_url", "revocation_endpoint", "revocation_url");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateRequests() {
    }

    /** The provider name, or 400 ({@code provider} must look like a template name). */
    static String provider(String value) {
        if (value == null || !PROVIDER.matcher(value).matches()) {
            throw new ProviderConfigException(List.of("provider must name a provider template: 1-63 characters"
                    + " of a-z 0-9 -, starting with a letter or digit"));
        }
        return value;
    }

    /** Refuses template fields on a config without a provider. */
    static void requireNoTemplateFields(Map<String, Object> overrides, Map<String, String> fields) {
        if (overrides != null && !overrides.isEmpty() || fields != null && !fields.isEmpty()) {
            throw new ProviderConfigException(List.of("provider_overrides and connection_fields need a provider"));
        }
    }

    /**
     * The binding: {@code overrides} with the explicit endpoints put under their template names (a null
     * endpoint removes that override), and the fixed connection fields.
     *
     * @param overridesSent the override keys the body itself sends (an endpoint may not be given twice)
     * @param endpoints     endpoint field name -> validated URL or null, only for the fields the body names
     */
    static TemplateBinding binding(String provider, Map<String, Object> overrides, Set<String> overridesSent,
            Map<String, URI> endpoints, Map<String, String> fields) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> merged = new LinkedHashMap<>(overrides == null ? Map.of() : overrides);
        merged.values().removeIf(java.util.Objects::isNull);
        endpoints.forEach((field, url) -> {
            String key = ENDPOINT_OVERRIDES.get(field);
            if (overridesSent.contains(key)) {
                problems.add("give " + field + " or provider_overrides." + key + ", not both");
            } else if (url == null) {
                merged.remove(key);
            } else {
                merged.put(key, url.toString());
            }
        });
        Map<String, String> fixed = fields == null ? Map.of() : fields;
        problems.addAll(ProviderChecks.shapeProblems("connection_fields", fixed));
        if (length(merged) > MAX_JSON) {
            problems.add("provider_overrides may hold at most " + MAX_JSON + " characters of JSON");
        }
        if (length(fixed) > MAX_JSON) {
            problems.add("connection_fields may hold at most " + MAX_JSON + " characters of JSON");
        }
        if (!problems.isEmpty()) {
            throw new ProviderConfigException(problems);
        }
        return new TemplateBinding(provider, merged, fixed);
    }

    /** The overrides a patch starts from: those sent, else the stored ones (none when the config had no template). */
    static Map<String, Object> baseOverrides(AuthConfig c, AuthConfigRequest r, Set<String> present) {
        if (present.contains("provider_overrides")) {
            return r.providerOverrides();
        }
        return c.template() == null ? Map.of() : c.template().overrides();
    }

    static Map<String, String> baseFields(AuthConfig c, AuthConfigRequest r, Set<String> present) {
        if (present.contains("connection_fields")) {
            return r.connectionFields();
        }
        return c.template() == null ? Map.of() : c.template().connectionFields();
    }

    private static int length(Map<String, ?> map) {
        try {
            return JSON.writeValueAsString(map).length();
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }
}
