package com.credbroker.refresh.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks one provider template (as JSON) against the format and reports EVERY problem, each as
 * {@code "<source>: <field path>: <what is wrong>"}: unknown or mistyped fields, missing required ones, URLs
 * that are not https, placeholders that name no connection field, bad patterns, a name that is not the file's,
 * and the rules of each auth scheme. Never quotes a value. Stateless apart from the insecure-URL switch.
 */
public final class TemplateValidator {
    static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern DOT_PATH = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$&'*+.^_`|~-]+");
    static final Set<String> OAUTH2_ONLY = Set.of("issuer", "authorization_url", "token_url", "refresh_url",
            "revocation_url", "authorization_params", "token_params", "refresh_params", "scope_separator",
            "default_scopes", "pkce", "client_authentication", "token_request_format", "token_response",
            "connection_data", "refresh_token_rotation", "token_headers", "refresh_redirect_uri", "scope_param");
    static final Set<String> FIELDS = union(OAUTH2_ONLY, Set.of("name", "display_name", "docs", "categories",
            "auth_scheme", "connection_fields", "base_url", "health_endpoint", "identity", "api_auth", "headers",
            "health_method", "health_body"));
    static final List<String> URL_FIELDS = List.of("issuer", "authorization_url", "token_url", "refresh_url",
            "revocation_url");
    private static final Set<String> RESERVED_AUTHORIZATION_PARAMS = Set.of("client_id", "redirect_uri", "state",
            "response_type", "code_challenge", "code_challenge_method", "scope", "nonce");
    private static final Set<String> TOKEN_RESPONSE_PATHS = Set.of("access_token", "refresh_token", "expires_in",
            "scope", "token_type", "id_token", "error");
    /** What a provider's own error code may stand for (RFC 6749 section 5.2). */
    private static final List<String> OAUTH_ERRORS = List.of("invalid_grant", "invalid_client", "unauthorized_client",
            "invalid_request", "invalid_scope", "unsupported_grant_type");

    private final boolean allowInsecureUrls;

    /** @param allowInsecureUrls plain-http endpoint URLs accepted (operator files and overrides in tests) */
    public TemplateValidator(boolean allowInsecureUrls) {
        this.allowInsecureUrls = allowInsecureUrls;
    }

    /**
     * Every problem of {@code template}; empty when it is complete and well-formed.
     *
     * @param source       names the file (or the auth config) in each problem
     * @param expectedName the file's base name the template's {@code name} must equal, or null
     */
    public List<String> problems(String source, JsonNode template, String expectedName) {
        TemplateReport r = new TemplateReport(source);
        if (template == null || !template.isObject()) {
            r.add("(template)", "must be a JSON object");
            return r.problems;
        }
        template.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                r.add(f, "unknown field");
            }
        });
        String name = r.requiredText(template, "name");
        if (name != null && !TEMPLATE_NAME.matcher(name).matches()) {
            r.add("name", "must match " + TEMPLATE_NAME.pattern());
        } else if (name != null && expectedName != null && !name.equals(expectedName)) {
            r.add("name", "must equal the file name (" + expectedName + ".json)");
        }
        r.requiredText(template, "display_name");
        checkDocs(r, template);
        r.words(template, "categories", CATEGORY);
        String scheme = r.requiredText(template, "auth_scheme");
        if (scheme != null && !ProviderTemplate.AUTH_SCHEMES.contains(scheme)) {
            r.add("auth_scheme", "must be one of " + String.join(", ", ProviderTemplate.AUTH_SCHEMES));
        }
        Map<String, Pattern> fields = connectionFields(r, template);
        Set<String> data = r.stringMap(template, "connection_data", DOT_PATH, "a dot path").keySet();
        data.stream().filter(fields::containsKey).forEach(k -> r.add("connection_data." + k,
                "has the name of a connection field"));
        data.stream().filter(k -> !Placeholders.NAME.matcher(k).matches()).forEach(k -> r.add("connection_data." + k,
                "name must match " + Placeholders.NAME.pattern()));
        if ("OAUTH2".equals(scheme)) {
            checkOauth2(r, template, fields.keySet());
        } else if (scheme != null) {
            OAUTH2_ONLY.stream().sorted().filter(template::has).forEach(f -> r.add(f, "only for auth_scheme OAUTH2"));
        }
        new TemplateUrlChecks(r, fields, data, allowInsecureUrls).check(template);
        TemplateQuirkChecks.check(r, template);
        checkApiAuth(r, template, scheme);
        Map<String, String> headers = r.stringMap(template, "headers", null, null);
        headers.forEach((k, v) -> {
            if (!HEADER_NAME.matcher(k).matches() || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                r.add("headers." + k, "must be a header name with a one-line value");
            }
        });
        return r.problems;
    }

    private static void checkDocs(TemplateReport r, JsonNode template) {
        List<String> docs = r.words(template, "docs", null);
        if (!template.has("docs") || docs.isEmpty()) {
            r.add("docs", template.has("docs") ? "must list at least one https URL" : "is required");
        }
        for (int i = 0; i < docs.size(); i++) {
            if (!docLink(docs.get(i))) {
                r.add("docs[" + i + "]", "must be an absolute https URL");
            }
        }
    }

    /** An https link to a page; a fragment (which may hold anything, e.g. Zoom's {@code {userId}}) is allowed. */
    private static boolean docLink(String link) {
        int hash = link.indexOf('#');
        String page = hash < 0 ? link : link.substring(0, hash);
        return page.startsWith("https://") && link.chars().allMatch(c -> c > 32 && c < 127)
                && Placeholders.badUrl(page, false) == null;
    }

    private static Map<String, Pattern> connectionFields(TemplateReport r, JsonNode template) {
        Map<String, Pattern> patterns = new HashMap<>();
        JsonNode node = template.get("connection_fields");
        if (!r.object(node, "connection_fields")) {
            return patterns;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "connection_fields." + e.getKey();
            if (!Placeholders.NAME.matcher(e.getKey()).matches()) {
                r.add(path, "name must match " + Placeholders.NAME.pattern());
            }
            if (!r.object(e.getValue(), path)) {
                continue;
            }
            r.onlyKnown(e.getValue(), path, Set.of("pattern", "example", "description"));
            String pattern = r.requiredText(e.getValue(), path, "pattern");
            Pattern compiled = null;
            try {
                compiled = pattern == null ? null : Pattern.compile(pattern);
            } catch (PatternSyntaxException ex) {
                r.add(path + ".pattern", "is not a valid regular expression");
            }
            patterns.put(e.getKey(), compiled == null ? Pattern.compile("(?!)") : compiled);
            String example = r.optionalText(e.getValue(), path, "example");
            if (example != null && compiled != null
                    && (!compiled.matcher(example).matches() || Placeholders.unsafeValue(example) != null)) {
                r.add(path + ".example", "must match the pattern and be a safe URL part");
            }
            r.optionalText(e.getValue(), path, "description");
        }
        return patterns;
    }

    private static void checkOauth2(TemplateReport r, JsonNode template, Set<String> fields) {
        if (!template.has("token_url") && !template.has("issuer")) {
            r.add("token_url", "is required for OAUTH2 unless issuer is given");
        }
        JsonNode rotation = template.get("refresh_token_rotation");
        if (rotation == null || !rotation.isBoolean()) {
            r.add("refresh_token_rotation", rotation == null ? "is required for OAUTH2" : "must be true or false");
        }
        Map<String, String> auth = r.stringMap(template, "authorization_params", null, null);
        auth.keySet().stream().filter(RESERVED_AUTHORIZATION_PARAMS::contains).forEach(k -> r.add(
                "authorization_params." + k, "is set by the broker and cannot be given here"));
        r.stringMap(template, "token_params", null, null);
        r.stringMap(template, "refresh_params", null, null);
        String separator = r.optionalText(template, null, "scope_separator");
        if (separator != null && separator.isEmpty()) {
            r.add("scope_separator", "must not be empty");
        }
        r.words(template, "default_scopes", null);
        r.oneOf(template, null, "pkce", List.of("required", "optional", "off"));
        r.oneOf(template, null, "client_authentication", List.of("client_secret_basic", "client_secret_post", "none"));
        r.oneOf(template, null, "token_request_format", List.of("form", "json"));
        checkTokenResponse(r, template.get("token_response"));
    }

    private static void checkTokenResponse(TemplateReport r, JsonNode node) {
        String path = "token_response";
        if (!r.object(node, path)) {
            return;
        }
        Set<String> known = union(TOKEN_RESPONSE_PATHS, Set.of("token_types", "expires_in_unit",
                "default_lifetime_seconds", "error_codes"));
        r.onlyKnown(node, path, known);
        for (String field : TOKEN_RESPONSE_PATHS) {
            String value = r.optionalText(node, path, field);
            if (value != null && !DOT_PATH.matcher(value).matches()) {
                r.add(path + "." + field, "must be a dot path such as authed_user.access_token");
            }
        }
        r.stringMap(node, "token_types", null, null, path + ".token_types");
        r.stringMap(node, "error_codes", null, null, path + ".error_codes");
        JsonNode codes = node.get("error_codes");
        if (codes != null && codes.isObject()) {
            codes.fields().forEachRemaining(e -> {
                if (!OAUTH_ERRORS.contains(e.getValue().asText())) {
                    r.add(path + ".error_codes." + e.getKey(), "must name an OAuth error code: " + OAUTH_ERRORS);
                }
            });
        }
        r.oneOf(node, path, "expires_in_unit", List.of("seconds", "milliseconds"));
        JsonNode lifetime = node.get("default_lifetime_seconds");
        if (lifetime != null && !(lifetime.canConvertToLong() && lifetime.isIntegralNumber() && lifetime.asLong() > 0)) {
            r.add(path + ".default_lifetime_seconds", "must be a positive whole number");
        }
    }

    private static void checkApiAuth(TemplateReport r, JsonNode template, String scheme) {
        JsonNode node = template.get("api_auth");
        if (node == null) {
            if ("API_KEY".equals(scheme)) {
                r.add("api_auth", "is required for API_KEY (how the key is sent)");
            }
            return;
        }
        if (!r.object(node, "api_auth")) {
            return;
        }
        r.onlyKnown(node, "api_auth", Set.of("in", "name", "prefix"));
        r.oneOf(node, "api_auth", "in", List.of("header", "query"));
        if (!node.has("in")) {
            r.add("api_auth.in", "is required");
        }
        String name = r.requiredText(node, "api_auth", "name");
        if (name != null && !HEADER_NAME.matcher(name).matches()) {
            r.add("api_auth.name", "must be a header or parameter name");
        }
        r.optionalText(node, "api_auth", "prefix");
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
