package com.credbroker.refresh.oidc;

import com.credbroker.refresh.client.ProviderHttpClient;
import com.credbroker.refresh.client.TokenSet;
import com.credbroker.refresh.provider.DotPaths;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a provider's identity endpoint ({@link ResolvedProvider#identity()}) who the account of a new access
 * token is: one GET or POST (with the identity's JSON body when it has one: a GraphQL query) to the URL
 * (absolute, or relative to the base URL), the token sent as the
 * provider's {@link ResolvedProvider#apiAuth()} says, with the provider's {@link ResolvedProvider#headers()},
 * through the egress policy. The account ID and e-mail are read from the JSON answer by dot paths. A failure
 * is logged (code and status only, never a token or a body) and gives {@link AccountIdentity#UNKNOWN}: it
 * never fails a connect. Thread-safe.
 */
public final class IdentityClient {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityClient.class);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9_]+)}");
    private static final Pattern ABSOLUTE = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

    private final ProviderHttpClient http;
    private final boolean allowInsecureUrls;

    /** @param allowInsecureUrls let plain-http identity URLs through (local development and tests only) */
    public IdentityClient(ProviderHttpClient http, boolean allowInsecureUrls) {
        this.http = Objects.requireNonNull(http, "http");
        this.allowInsecureUrls = allowInsecureUrls;
    }

    /**
     * The account the access token of {@code tokens} belongs to, or {@link AccountIdentity#UNKNOWN}. A base URL
     * naming connection data ({@code {instance_url}}) is filled from the same token response.
     */
    public AccountIdentity identify(ResolvedProvider provider, TokenSet tokens) {
        ResolvedProvider.Identity identity = provider.identity();
        String accessToken = tokens.accessToken();
        if (identity == null || accessToken == null) {
            return AccountIdentity.UNKNOWN;
        }
        URI url = url(identity.url(), filled(provider, tokens));
        if (url == null || !("https".equals(url.getScheme()) || allowInsecureUrls)) {
            LOG.warn("identity of a new connection of auth config {} not asked: the identity URL is not usable",
                    provider.authConfigId());
            return AccountIdentity.UNKNOWN;
        }
        ProviderHttpClient.Reply reply;
        try {
            reply = http.send(request(provider, identity, url, accessToken));
        } catch (RuntimeException unbuildable) {
            LOG.warn("identity of a new connection of auth config {} not asked: the request could not be built",
                    provider.authConfigId());
            return AccountIdentity.UNKNOWN;
        }
        return read(provider, identity, reply);
    }

    /**
     * The base URL with each {@code {name}} replaced by the connection data the token response carries at
     * the provider's path for it: an absolute URL (replacing the whole of a leading placeholder) or a bare
     * host. Null when a value is missing or could change more than it names.
     */
    private static String filled(ResolvedProvider provider, TokenSet tokens) {
        String base = provider.baseUrl();
        if (base == null || !base.contains("{")) {
            return base;
        }
        Matcher names = PLACEHOLDER.matcher(base);
        StringBuilder out = new StringBuilder();
        while (names.find()) {
            String path = provider.connectionData().get(names.group(1));
            String value = path == null ? null : at(tokens.extras(), path);
            boolean url = value != null && names.start() == 0 && ABSOLUTE.matcher(value).matches();
            if (value == null || !(url || HOST.matcher(value).matches())) {
                return null;
            }
            names.appendReplacement(out, Matcher.quoteReplacement(url && value.endsWith("/")
                    ? value.substring(0, value.length() - 1) : value));
        }
        names.appendTail(out);
        return out.toString();
    }

    private static URI url(String target, String baseUrl) {
        try {
            if (target.startsWith("https://") || target.startsWith("http://")) {
                return URI.create(target);
            }
            if (baseUrl == null || baseUrl.contains("{")) {
                return null;
            }
            String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            return URI.create(base + (target.startsWith("/") ? target : "/" + target));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static HTTPRequest request(ResolvedProvider provider, ResolvedProvider.Identity identity, URI url,
            String accessToken) {
        ResolvedProvider.ApiAuth auth = provider.apiAuth() == null ? ResolvedProvider.ApiAuth.BEARER
                : provider.apiAuth();
        URI target = url;
        if (auth.in() == ResolvedProvider.ApiAuth.Placement.QUERY) {
            String pair = URLEncoder.encode(auth.name(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(accessToken, StandardCharsets.UTF_8);
            target = URI.create(url + (url.getRawQuery() == null ? "?" : "&") + pair);
        }
        boolean post = "POST".equalsIgnoreCase(identity.method());
        HTTPRequest request = new HTTPRequest(post ? HTTPRequest.Method.POST : HTTPRequest.Method.GET, target);
        request.setAccept("application/json");
        if (post && identity.body() != null) {
            request.setEntityContentType(com.nimbusds.common.contenttype.ContentType.APPLICATION_JSON);
            request.setBody(identity.body());
        }
        provider.headers().forEach(request::setHeader);
        if (auth.in() == ResolvedProvider.ApiAuth.Placement.HEADER) {
            request.setHeader(auth.name(), (auth.prefix() == null ? "" : auth.prefix()) + accessToken);
        }
        return request;
    }

    private static AccountIdentity read(ResolvedProvider provider, ResolvedProvider.Identity identity,
            ProviderHttpClient.Reply reply) {
        if (reply instanceof ProviderHttpClient.Failed failed) {
            LOG.warn("identity of a new connection of auth config {} unknown: the identity request failed ({})",
                    provider.authConfigId(), failed.code());
            return AccountIdentity.UNKNOWN;
        }
        ProviderHttpClient.Answered answered = (ProviderHttpClient.Answered) reply;
        if (answered.status() / 100 != 2 || answered.body() == null) {
            LOG.warn("identity of a new connection of auth config {} unknown: the identity endpoint answered HTTP {}",
                    provider.authConfigId(), answered.status());
            return AccountIdentity.UNKNOWN;
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(answered.body());
        } catch (ParseException notJson) {
            LOG.warn("identity of a new connection of auth config {} unknown: the answer is not a JSON object",
                    provider.authConfigId());
            return AccountIdentity.UNKNOWN;
        }
        AccountIdentity found = new AccountIdentity(at(json, identity.accountId()), at(json, identity.accountEmail()));
        if (found.accountId() == null) {
            LOG.warn("identity of a new connection of auth config {}: the answer has no account id at its path",
                    provider.authConfigId());
        }
        return found;
    }

    /** The string or number at a dot path ({@code user.id}), or null. */
    static String at(Map<String, ?> json, String path) {
        Object node = DotPaths.at(json, path);
        if (node instanceof String text) {
            return text.isEmpty() ? null : text;
        }
        if (node instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return null;
    }
}
