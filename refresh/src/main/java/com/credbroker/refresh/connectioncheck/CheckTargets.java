package com.credbroker.refresh.connectioncheck;

import com.credbroker.config.ConnectConfig;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.credential.CredentialSecrets;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where a connection's test request may go. {@code test_request_endpoint} is an absolute URL or a path
 * relative to {@code base_url}; a connection without its own takes its provider template's
 * {@code health_endpoint} (and without its own {@code base_url}, the template's, filled); the resolved URL
 * must be https (http only when insecure URLs are allowed), without user info or fragment, and its host must be the host of {@code base_url} or on the operator's
 * allow-list ({@code CREDBROKER_TEST_ALLOWED_HOSTS}): the broker never sends a connection's credentials to
 * a host the connection does not name. The connection's {@code query_params} are appended. Stateless.
 */
final class CheckTargets {
    private final ConnectConfig config;
    private final boolean allowInsecureUrls;

    CheckTargets(ConnectConfig config, boolean allowInsecureUrls) {
        this.config = config;
        this.allowInsecureUrls = allowInsecureUrls;
    }

    /**
     * @param provider the connection's resolved provider (its {@code base_url} and {@code health_endpoint} are
     *                 used when the connection has none of its own), or null
     * @throws CheckRefusedException when there is no endpoint or it may not be called
     */
    URI resolve(CredentialSecrets secrets, ResolvedProvider provider, Map<String, String> extraQuery) {
        String endpoint = blank(secrets.testRequestEndpoint()) && provider != null ? provider.healthEndpoint()
                : secrets.testRequestEndpoint();
        if (blank(endpoint)) {
            throw new CheckRefusedException("no_test_request_endpoint", "the connection has no test_request_endpoint");
        }
        String baseUrl = secrets.baseUrl() == null && provider != null ? provider.baseUrl() : secrets.baseUrl();
        if (baseUrl != null && baseUrl.indexOf('{') >= 0) {
            throw new CheckRefusedException("invalid_provider_field", "the provider's base_url needs connection data"
                    + " the connection does not have");
        }
        URI base = baseUrl == null ? null : parse(baseUrl, "base_url");
        URI target = parse(endpoint, "test_request_endpoint");
        if (!target.isAbsolute()) {
            if (base == null) {
                throw invalid("a relative test_request_endpoint needs a base_url");
            }
            target = parse(join(baseUrl, endpoint), "test_request_endpoint");
        }
        check(target);
        if (!sameHost(target, base) && !config.testHostAllowed(target.getHost())) {
            throw new CheckRefusedException("test_endpoint_not_allowed", "test_request_endpoint must be on the host"
                    + " of base_url or on CREDBROKER_TEST_ALLOWED_HOSTS");
        }
        return withQuery(target, extraQuery);
    }

    private void check(URI target) {
        String scheme = target.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || allowInsecureUrls && scheme.equals("http")) || target.getHost() == null) {
            throw invalid("test_request_endpoint must be an " + (allowInsecureUrls ? "http(s)" : "https")
                    + " URL with a host");
        }
        if (target.getRawUserInfo() != null || target.getRawFragment() != null) {
            throw invalid("test_request_endpoint must not have user info or a fragment");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean sameHost(URI target, URI base) {
        return base != null && base.getHost() != null && base.getHost().equalsIgnoreCase(target.getHost());
    }

    private static String join(String base, String path) {
        boolean slashBase = base.endsWith("/");
        boolean slashPath = path.startsWith("/");
        if (slashBase && slashPath) {
            return base + path.substring(1);
        }
        return slashBase || slashPath ? base + path : base + "/" + path;
    }

    private static URI withQuery(URI target, Map<String, String> extra) {
        if (extra.isEmpty()) {
            return target;
        }
        StringJoiner query = new StringJoiner("&");
        if (target.getRawQuery() != null && !target.getRawQuery().isEmpty()) {
            query.add(target.getRawQuery());
        }
        extra.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
        String text = target.toString();
        int cut = text.indexOf('?');
        return URI.create((cut < 0 ? text : text.substring(0, cut)) + "?" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI parse(String value, String field) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(field + " is not a valid URL");
        }
    }

    private static CheckRefusedException invalid(String message) {
        return new CheckRefusedException("invalid_test_request_endpoint", message);
    }
}
