package com.credbroker.storage.authconfig;

import java.util.Map;
import java.util.Objects;

/**
 * How an auth config uses a provider template: the template's name, the template fields it overrides
 * (same names and shapes as in the template file; never secrets) and per-connection field values fixed
 * for every connection of the config (e.g. one Zendesk {@code subdomain}).
 */
public record TemplateBinding(String provider, Map<String, Object> overrides, Map<String, String> connectionFields) {
    public TemplateBinding {
        Objects.requireNonNull(provider, "provider");
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        connectionFields = connectionFields == null ? Map.of() : Map.copyOf(connectionFields);
    }
}
