package com.credbroker.refresh.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The URL rules of one template, for {@link TemplateValidator}: endpoint URLs use only connection-field
 * placeholders, and never in the scheme; {@code base_url} may also use connection data (a captured URL only
 * at its very start); relative health and identity paths need a {@code base_url}; every URL, filled with
 * sample values, is absolute https (http only when the operator allows it).
 */
final class TemplateUrlChecks {
    private static final Pattern DOT_PATH = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private final TemplateReport r;
    private final Map<String, Pattern> fields;
    private final Set<String> data;
    private final boolean allowInsecureUrls;
    private final Map<String, String> samples = new HashMap<>();

    TemplateUrlChecks(TemplateReport r, Map<String, Pattern> fields, Set<String> data, boolean allowInsecureUrls) {
        this.r = r;
        this.fields = fields;
        this.data = data;
        this.allowInsecureUrls = allowInsecureUrls;
        fields.keySet().forEach(f -> samples.put(f, "example"));
        data.forEach(d -> samples.put(d, "example"));
    }

    void check(JsonNode template) {
        for (String field : TemplateValidator.URL_FIELDS) {
            String url = r.optionalText(template, null, field);
            if (url != null) {
                endpoint(field, url);
            }
        }
        String baseUrl = r.optionalText(template, null, "base_url");
        if (baseUrl != null) {
            baseUrl(baseUrl);
        }
        String health = r.optionalText(template, null, "health_endpoint");
        if (health != null) {
            apiUrl("health_endpoint", health, baseUrl != null);
        }
        JsonNode identity = template.get("identity");
        if (r.object(identity, "identity")) {
            r.onlyKnown(identity, "identity", Set.of("url", "method", "account_id", "account_email", "body"));
            String url = r.requiredText(identity, "identity", "url");
            if (url != null) {
                apiUrl("identity.url", url, baseUrl != null);
            }
            r.oneOf(identity, "identity", "method", List.of("GET", "POST"));
            for (String path : new String[] {"account_id", "account_email"}) {
                String value = path.equals("account_id") ? r.requiredText(identity, "identity", path)
                        : r.optionalText(identity, "identity", path);
                if (value != null && !DOT_PATH.matcher(value).matches()) {
                    r.add("identity." + path, "must be a dot path such as user.id");
                }
            }
        }
    }

    private void endpoint(String field, String url) {
        if (!placeholdersKnown(field, url, false)) {
            return;
        }
        if (url.indexOf("://") < 0 || Placeholders.PLACEHOLDER.matcher(url.substring(0, url.indexOf("://"))).find()) {
            r.add(field, "must be an absolute " + scheme() + " URL (no placeholder in the scheme)");
            return;
        }
        String problem = Placeholders.badUrl(Placeholders.fill(url, samples), allowInsecureUrls);
        if (problem != null) {
            r.add(field, problem);
        }
    }

    private void baseUrl(String url) {
        if (!placeholdersKnown("base_url", url, true)) {
            return;
        }
        List<String> names = Placeholders.names(url);
        String leading = url.startsWith("{") && !names.isEmpty() && data.contains(names.get(0)) ? names.get(0) : null;
        String rest = leading == null ? url : url.substring(leading.length() + 2);
        if (leading != null && !(rest.isEmpty() || rest.startsWith("/"))) {
            r.add("base_url", "a captured URL {" + leading + "} must be followed by a path or nothing");
            return;
        }
        String filled = leading == null ? url : "https://example.com" + rest;
        if (leading == null && (url.indexOf("://") < 0
                || Placeholders.PLACEHOLDER.matcher(url.substring(0, url.indexOf("://"))).find())) {
            r.add("base_url", "must be an absolute " + scheme() + " URL (no placeholder in the scheme)");
            return;
        }
        String problem = Placeholders.badUrl(Placeholders.fill(filled, samples), allowInsecureUrls);
        if (problem != null) {
            r.add("base_url", problem);
        }
    }

    /** A path relative to base_url (starting with one /), or an absolute URL. */
    private void apiUrl(String field, String url, boolean hasBaseUrl) {
        if (!placeholdersKnown(field, url, false)) {
            return;
        }
        if (url.startsWith("/") && !url.startsWith("//")) {
            String filled = Placeholders.fill(url, samples);
            if (!hasBaseUrl) {
                r.add(field, "is relative, so the template needs a base_url");
            } else if (filled.contains("..") || filled.contains("\\") || filled.contains("#")
                    || filled.chars().anyMatch(c -> c <= 32 || c >= 127)) {
                r.add(field, "must be a plain path (no '..', '\\', '#' or spaces)");
            }
            return;
        }
        endpoint(field, url);
    }

    private boolean placeholdersKnown(String field, String url, boolean dataAllowed) {
        if (Placeholders.malformed(url)) {
            r.add(field, "has a malformed placeholder (use {field_name})");
            return false;
        }
        boolean ok = true;
        for (String name : Placeholders.names(url)) {
            if (!fields.containsKey(name) && !(dataAllowed && data.contains(name))) {
                r.add(field, "placeholder {" + name + "} names no connection field"
                        + (dataAllowed ? " or connection data" : ""));
                ok = false;
            }
        }
        return ok;
    }

    private String scheme() {
        return allowInsecureUrls ? "http(s)" : "https";
    }
}
