package com.credbroker.broker.authconfig;

import com.credbroker.broker.http.ApiException;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.EgressRefusedException;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.credbroker.storage.authconfig.TemplateBinding;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates create and patch bodies of auth configs and applies them to domain records. Every message
 * names a field and a rule, never a submitted value. Client ID and secret are RFC 6749 VSCHAR strings
 * (printable ASCII), scopes RFC 6749 scope tokens, endpoints absolute https URLs (http too when the
 * operator allows insecure token URLs) without user info or fragment, whose host does not resolve to an
 * internal address unless insecure token URLs are allowed (422 {@code egress_refused}, see {@link EgressPolicy}).
 */
final class AuthConfigRequests {
    static final int MAX_URL = 2048;
    static final int MAX_CLIENT_ID = 512;
    static final int MAX_CLIENT_SECRET = 4096;
    static final int MAX_SCOPES = 100;
    static final int MAX_SCOPE = 256;
    static final int MAX_SCOPES_TOTAL = 4096;
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern VSCHARS = Pattern.compile("[\\x20-\\x7E]+");
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1," + MAX_SCOPE + "}");
    private static final Pattern URL_CHARS = Pattern.compile("[\\x21-\\x7E]{1," + MAX_URL + "}");

    private final boolean allowInsecureUrls;
    private final EgressPolicy egress;

    AuthConfigRequests(boolean allowInsecureUrls, EgressPolicy egress) {
        this.allowInsecureUrls = allowInsecureUrls;
        this.egress = egress;
    }

    /**
     * A new record from a create body; {@code authConfigId} and {@code now} are the server's. With a
     * {@code provider}, {@code app_name} defaults to the provider's name, the endpoints are optional and
     * stored as overrides ({@link TemplateRequests}), and absent scopes mean the template's default scopes.
     */
    AuthConfig toNew(AuthConfigRequest r, String authConfigId, Instant now) {
        ClientAuthMethod method = r.clientAuthMethod() == null ? ClientAuthMethod.CLIENT_SECRET_BASIC
                : method(r.clientAuthMethod());
        if (r.provider() != null) {
            String provider = TemplateRequests.provider(r.provider());
            Map<String, URI> endpoints = new HashMap<>();
            for (String field : TemplateRequests.ENDPOINT_OVERRIDES.keySet()) {
                URI url = endpoint(endpointValue(r, field), field, false);
                if (url != null) {
                    endpoints.put(field, url);
                }
            }
            TemplateBinding template = TemplateRequests.binding(provider, r.providerOverrides(),
                    keys(r.providerOverrides()), endpoints, r.connectionFields());
            return checked(new AuthConfig(authConfigId, appName(r.appName() == null ? provider : r.appName()),
                    null, null, null, clientId(r.clientId()), secret(r.clientSecret()), method, scopes(r.scopes()),
                    null, now, now, 0, template));
        }
        TemplateRequests.requireNoTemplateFields(r.providerOverrides(), r.connectionFields());
        return checked(new AuthConfig(authConfigId, appName(r.appName()),
                endpoint(r.tokenEndpoint(), "token_endpoint", true),
                endpoint(r.authorizationEndpoint(), "authorization_endpoint", false),
                endpoint(r.revocationEndpoint(), "revocation_endpoint", false),
                clientId(r.clientId()), secret(r.clientSecret()), method, scopes(r.scopes()), null, now, now, 0));
    }

    /**
     * Applies the fields present in a patch body; absent fields keep their stored values. Switching to
     * {@code none} without sending {@code client_secret} drops the stored secret (a public client has none).
     * Setting a {@code provider} on a config without one drops its own endpoints (the template gives them)
     * unless the patch sends them again (then they become overrides); {@code "provider": null} turns a
     * templated config back into one with its own endpoints, which then needs {@code token_endpoint}.
     */
    AuthConfig applyPatch(AuthConfig c, AuthConfigRequest r, Set<String> present, Instant now) {
        ClientAuthMethod method = present.contains("client_auth_method") ? method(r.clientAuthMethod())
                : c.clientAuthMethod();
        String secret = present.contains("client_secret") ? secret(r.clientSecret())
                : method.needsSecret() ? c.clientSecret() : null;
        String provider = present.contains("provider")
                ? (r.provider() == null ? null : TemplateRequests.provider(r.provider())) : c.provider();
        String appName = present.contains("app_name") ? appName(r.appName()) : c.appName();
        String clientId = present.contains("client_id") ? clientId(r.clientId()) : c.clientId();
        List<String> scopes = present.contains("scopes") ? scopes(r.scopes()) : c.scopes();
        if (provider != null) {
            return checked(new AuthConfig(c.authConfigId(), appName, null, null, null, clientId, secret, method,
                    scopes, c.refreshBlockedReason(), c.createdAt(), now, c.version(),
                    patchedTemplate(c, r, present, provider)));
        }
        TemplateRequests.requireNoTemplateFields(present.contains("provider_overrides") ? r.providerOverrides()
                : null, present.contains("connection_fields") ? r.connectionFields() : null);
        URI token = present.contains("token_endpoint") ? endpoint(r.tokenEndpoint(), "token_endpoint", true)
                : c.tokenEndpoint();
        if (token == null) {
            throw ApiException.validation("token_endpoint is required for an auth config without a provider");
        }
        return checked(new AuthConfig(c.authConfigId(), appName, token,
                present.contains("authorization_endpoint")
                        ? endpoint(r.authorizationEndpoint(), "authorization_endpoint", false)
                        : c.authorizationEndpoint(),
                present.contains("revocation_endpoint")
                        ? endpoint(r.revocationEndpoint(), "revocation_endpoint", false) : c.revocationEndpoint(),
                clientId, secret, method, scopes, c.refreshBlockedReason(), c.createdAt(), now, c.version()));
    }

    /** The template binding after a patch: stored or sent overrides and fields, then the endpoint fields sent. */
    private TemplateBinding patchedTemplate(AuthConfig c, AuthConfigRequest r, Set<String> present, String provider) {
        Map<String, URI> endpoints = new HashMap<>();
        for (String field : TemplateRequests.ENDPOINT_OVERRIDES.keySet()) {
            if (present.contains(field)) {
                endpoints.put(field, endpoint(endpointValue(r, field), field, false));
            }
        }
        Set<String> sent = present.contains("provider_overrides") ? keys(r.providerOverrides()) : Set.of();
        return TemplateRequests.binding(provider, TemplateRequests.baseOverrides(c, r, present), sent, endpoints,
                TemplateRequests.baseFields(c, r, present));
    }

    private static String endpointValue(AuthConfigRequest r, String field) {
        return switch (field) {
            case "token_endpoint" -> r.tokenEndpoint();
            case "authorization_endpoint" -> r.authorizationEndpoint();
            default -> r.revocationEndpoint();
        };
    }

    private static Set<String> keys(Map<String, ?> map) {
        return map == null ? Set.of() : map.keySet();
    }

    private static AuthConfig checked(AuthConfig c) {
        if (c.clientAuthMethod().needsSecret() && c.clientSecret() == null) {
            throw ApiException.validation("client_secret is required unless client_auth_method is none");
        }
        if (!c.clientAuthMethod().needsSecret() && c.clientSecret() != null) {
            throw ApiException.validation("client_secret must not be sent when client_auth_method is none");
        }
        return c;
    }

    private static String appName(String value) {
        if (value == null || !APP_NAME.matcher(value).matches()) {
            throw ApiException.validation("app_name is required: 1-128 characters of A-Z a-z 0-9 . _ -");
        }
        return value;
    }

    private static String clientId(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_CLIENT_ID || !VSCHARS.matcher(value).matches()) {
            throw ApiException.validation("client_id is required: 1-" + MAX_CLIENT_ID
                    + " printable ASCII characters");
        }
        return value;
    }

    /** Null stays null (no secret); the pairing with the method is checked on the whole record. */
    private static String secret(String value) {
        if (value != null && (value.isEmpty() || value.length() > MAX_CLIENT_SECRET
                || !VSCHARS.matcher(value).matches())) {
            throw ApiException.validation("client_secret must be 1-" + MAX_CLIENT_SECRET
                    + " printable ASCII characters");
        }
        return value;
    }

    private static ClientAuthMethod method(String value) {
        return ClientAuthMethod.fromWire(value == null ? "" : value).orElseThrow(() -> ApiException.validation(
                "client_auth_method must be one of client_secret_basic, client_secret_post, none"));
    }

    private static List<String> scopes(List<String> value) {
        if (value == null) {
            return List.of();
        }
        for (String scope : value) {
            if (scope == null || !SCOPE_TOKEN.matcher(scope).matches()) {
                throw ApiException.validation("each scope must be 1-" + MAX_SCOPE
                        + " printable ASCII characters without spaces, quotes or backslashes");
            }
        }
        if (value.size() > MAX_SCOPES || String.join(" ", value).length() > MAX_SCOPES_TOTAL) {
            throw ApiException.validation("scopes may list at most " + MAX_SCOPES + " scopes, "
                    + MAX_SCOPES_TOTAL + " characters in all");
        }
        return List.copyOf(value);
    }

    /** An absolute http(s) URL with a host, without user info or fragment; null when absent and optional. */
    private URI endpoint(String value, String field, boolean required) {
        if (value == null) {
            if (required) {
                throw ApiException.validation(field + " is required");
            }
            return null;
        }
        URI uri = parse(value, field);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowInsecureUrls && scheme.equals("http"))) {
            throw ApiException.validation(field + (allowInsecureUrls ? " must be an http or https URL"
                    : " must be an https URL (plain http needs CREDBROKER_ALLOW_INSECURE_TOKEN_URLS=true)"));
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.validation(field + " must not contain user info");
        }
        if (uri.getRawFragment() != null) {
            throw ApiException.validation(field + " must not contain a fragment");
        }
        if (!allowInsecureUrls) {
            // checked again on every request the broker makes there; the browser follows authorization_endpoint
            try {
                egress.check(uri.getHost());
            } catch (EgressRefusedException e) {
                throw new ApiException(422, EgressRefusedException.CODE, field + ": " + e.getMessage());
            }
        }
        return uri;
    }

    private static URI parse(String value, String field) {
        String rule = field + " must be an absolute URL with a host, at most " + MAX_URL
                + " printable ASCII characters";
        if (!URL_CHARS.matcher(value).matches()) {
            throw ApiException.validation(rule);
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getPort() > 65_535) {
                throw ApiException.validation(rule);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ApiException.validation(rule);
        }
    }
}
