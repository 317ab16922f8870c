package com.credbroker.broker.testing;

import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.TemplateBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A two-entry stand-in for the provider catalogue's resolver, for tests of the API around templates:
 * {@code zendesk} (per-connection field {@code subdomain}) and {@code github} (no fields). It knows a few
 * override fields and checks their types, and reports every problem it finds, as the real one promises.
 * {@link #resolve} answers as {@link ProviderResolver#PLAIN} does (nothing here sends a request).
 */
public final class FakeProviders implements ProviderResolver {
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Map<String, Set<String>> FIELDS = Map.of("zendesk", Set.of("subdomain"), "github", Set.of());
    private static final Set<String> STRING_OVERRIDES = Set.of("token_url", "authorization_url", "revocation_url",
            "scope_separator");
    private static final Set<String> OBJECT_OVERRIDES = Set.of("authorization_params", "token_response");

    @Override
    public ResolvedProvider resolve(AuthConfig config, Map<String, String> connectionConfig) {
        return ResolvedProvider.of(config);
    }

    @Override
    public List<String> problems(AuthConfig config, Map<String, String> connectionConfig, boolean forConnection) {
        TemplateBinding t = config.template();
        if (t == null) {
            return List.of();
        }
        Set<String> fields = FIELDS.get(t.provider());
        if (fields == null) {
            return List.of("provider " + t.provider() + " is not a known provider template");
        }
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(t.overrides().keySet())) {
            Object value = t.overrides().get(key);
            if (STRING_OVERRIDES.contains(key)) {
                if (!(value instanceof String)) {
                    problems.add("provider_overrides." + key + " must be a string");
                }
            } else if (OBJECT_OVERRIDES.contains(key)) {
                if (!(value instanceof Map)) {
                    problems.add("provider_overrides." + key + " must be an object");
                }
            } else {
                problems.add("provider_overrides." + key + " is not a template field");
            }
        }
        fieldProblems("connection_fields", t.connectionFields(), fields, problems);
        if (forConnection) {
            fieldProblems("connection_config", connectionConfig, fields, problems);
            Map<String, String> all = new HashMap<>(t.connectionFields());
            all.putAll(connectionConfig);
            new TreeSet<>(fields).stream().filter(f -> !all.containsKey(f))
                    .forEach(f -> problems.add("connection_config." + f + " is required by " + t.provider()));
        }
        return problems;
    }

    private static void fieldProblems(String where, Map<String, String> given, Set<String> fields,
            List<String> problems) {
        for (String key : new TreeSet<>(given.keySet())) {
            if (!fields.contains(key)) {
                problems.add(where + "." + key + " is not a field of this provider");
            } else if (!SUBDOMAIN.matcher(given.get(key)).matches()) {
                problems.add(where + "." + key + " does not match its pattern");
            }
        }
    }
}
