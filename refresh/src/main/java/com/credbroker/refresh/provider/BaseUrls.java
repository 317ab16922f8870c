package com.credbroker.refresh.provider;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Fills the connection-data placeholders of a base URL (e.g. Salesforce's {@code {instance_url}}, captured from
 * the token response): a placeholder at the very start takes an absolute https URL, any other a plain name
 * part. Values that could move the URL are refused with a {@link ProviderException} naming the key.
 */
final class BaseUrls {
    private BaseUrls() {
    }

    /** True when {@code {name}} starts {@code baseUrl} (so its value is a whole URL, not a host part). */
    static boolean leading(String baseUrl, String name) {
        return baseUrl.startsWith("{" + name + "}");
    }

    /**
     * {@code baseUrl} with the placeholders named in {@code values} filled.
     *
     * @param partial leave placeholders without a value as they are (else refuse them)
     * @throws ProviderException when a value is refused, or missing and not {@code partial}
     */
    static String fill(String baseUrl, Map<String, String> values, boolean partial, boolean allowInsecureUrls) {
        if (baseUrl == null) {
            return null;
        }
        List<String> names = Placeholders.names(baseUrl);
        Map<String, String> usable = new java.util.HashMap<>();
        for (String name : names) {
            String value = values.get(name);
            if (value == null) {
                if (!partial) {
                    throw new ProviderException("base_url needs " + name + ", which the connection does not have");
                }
                continue;
            }
            boolean url = leading(baseUrl, name);
            String refusal = url ? Placeholders.unsafeUrlValue(value, allowInsecureUrls)
                    : Placeholders.unsafeValue(value);
            if (refusal != null) {
                throw new ProviderException("connection_config." + name + ": " + refusal);
            }
            usable.put(name, url && value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        }
        String filled = Placeholders.fill(baseUrl, usable);
        if (!Placeholders.PLACEHOLDER.matcher(filled).find()) {
            String problem = Placeholders.badUrl(filled, allowInsecureUrls);
            String expected = names.isEmpty() || !leading(baseUrl, names.get(0)) ? Placeholders.expectedHost(baseUrl,
                    usable) : URI.create(usable.get(names.get(0))).getHost().toLowerCase(java.util.Locale.ROOT);
            if (problem != null || !expected.equalsIgnoreCase(URI.create(filled).getHost())) {
                throw new ProviderException("base_url: " + (problem == null ? "its host would change" : problem));
            }
        }
        return filled;
    }
}
