package com.credbroker.refresh.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the quirk fields, for {@link TemplateValidator}: {@code token_headers} (header names with
 * one-line values, none the client sets itself), {@code refresh_redirect_uri} (true or false),
 * {@code scope_param} (a parameter name the broker does not set otherwise, not also among the
 * {@code authorization_params}), {@code health_method} and {@code health_body}, and {@code identity.body}
 * (a JSON object or array, only with POST). Every problem is reported; no value is quoted.
 */
final class TemplateQuirkChecks {
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$&'*+.^_`|~-]+");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Token-endpoint headers the client sets itself (client authentication, the body, the connection). */
    private static final Set<String> OWN_HEADERS = Set.of("authorization", "content-type", "content-length", "host",
            "connection", "expect", "upgrade", "transfer-encoding");
    /** Authorization parameters the broker sets; {@code scope} itself is the default and allowed. */
    private static final Set<String> OWN_PARAMETERS = Set.of("client_id", "redirect_uri", "state", "response_type",
            "code_challenge", "code_challenge_method", "nonce");

    private TemplateQuirkChecks() {
    }

    static void check(TemplateReport r, JsonNode template) {
        r.stringMap(template, "token_headers", null, null).forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches() || value.isEmpty() || value.indexOf('\r') >= 0
                    || value.indexOf('\n') >= 0) {
                r.add("token_headers." + name, "must be a header name with a one-line value");
            } else if (OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                r.add("token_headers." + name, "is set by the broker and cannot be given here");
            }
        });
        JsonNode redirect = template.get("refresh_redirect_uri");
        if (redirect != null && !redirect.isBoolean()) {
            r.add("refresh_redirect_uri", "must be true or false");
        }
        String scopeParam = r.optionalText(template, null, "scope_param");
        if (scopeParam != null && (!PARAMETER.matcher(scopeParam).matches() || OWN_PARAMETERS.contains(scopeParam))) {
            r.add("scope_param", "must be a parameter name the broker does not set itself (default scope)");
        } else if (scopeParam != null && template.path("authorization_params").has(scopeParam)) {
            r.add("scope_param", "is also given in authorization_params");
        }
        r.oneOf(template, null, "health_method", List.of("GET", "POST"));
        if (template.has("health_method") && !template.has("health_endpoint")) {
            r.add("health_method", "needs a health_endpoint");
        }
        body(r, template.get("health_body"), "health_body", "POST".equals(template.path("health_method").asText()),
                "health_method");
        JsonNode identity = template.get("identity");
        if (identity != null && identity.isObject()) {
            body(r, identity.get("body"), "identity.body", "POST".equals(identity.path("method").asText()),
                    "identity.method");
        }
    }

    private static void body(TemplateReport r, JsonNode body, String field, boolean post, String methodField) {
        if (body == null) {
            return;
        }
        if (!body.isObject() && !body.isArray()) {
            r.add(field, "must be a JSON object or array (sent as the request's JSON body)");
        }
        if (!post) {
            r.add(field, "is sent only by a POST: " + methodField + " must be POST");
        }
    }
}
