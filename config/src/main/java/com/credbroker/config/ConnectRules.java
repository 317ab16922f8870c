package com.credbroker.config;

import static com.credbroker.config.ConfigKey.AUTHORIZATION_TIMEOUT;
import static com.credbroker.config.ConfigKey.EGRESS_ALLOWED_HOSTS;
import static com.credbroker.config.ConfigKey.PUBLIC_BASE_URL;
import static com.credbroker.config.ConfigKey.TEST_ALLOWED_HOSTS;
import static com.credbroker.config.ConfigKey.TEST_CONNECT_TIMEOUT;
import static com.credbroker.config.ConfigKey.TEST_READ_TIMEOUT;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the connect-flow and connection-test keys into a {@link ConnectConfig}. */
final class ConnectRules {
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private ConnectRules() {
    }

    static ConnectConfig connect(ValueParser parser, Problems problems) {
        return new ConnectConfig(
                publicBaseUrl(parser, problems),
                parser.positiveDuration(AUTHORIZATION_TIMEOUT),
                allowedHosts(parser, problems),
                parser.positiveDuration(TEST_CONNECT_TIMEOUT),
                parser.positiveDuration(TEST_READ_TIMEOUT),
                egressAllowList(parser, problems));
    }

    private static EgressAllowList egressAllowList(ValueParser parser, Problems problems) {
        return parser.raw(EGRESS_ALLOWED_HOSTS).map(raw -> {
            try {
                return EgressAllowList.of(List.of(raw.value().split(",", -1)));
            } catch (IllegalArgumentException e) {
                problems.add(EGRESS_ALLOWED_HOSTS, raw, e.getMessage());
                return EgressAllowList.none();
            }
        }).orElse(EgressAllowList.none());
    }

    /**
     * Plain http only for a loopback host or with {@code CREDBROKER_ALLOW_INSECURE_TOKEN_URLS=true}:
     * authorization codes travel through the callback.
     */
    static void checkRelations(BrokerConfig config, Problems problems) {
        Optional<URI> url = config.connect() == null ? Optional.empty() : config.connect().publicBaseUrl();
        if (url.isPresent() && url.get().getScheme().equalsIgnoreCase("http")
                && !config.refresh().allowInsecureTokenUrls()
                && !LOOPBACK.contains(url.get().getHost().toLowerCase(Locale.ROOT))) {
            problems.add(PUBLIC_BASE_URL.envName() + " must be https unless its host is loopback or "
                    + ConfigKey.ALLOW_INSECURE_TOKEN_URLS.envName() + " is true");
        }
    }

    /** An absolute http(s) URL with a host and nothing after the path. */
    private static Optional<URI> publicBaseUrl(ValueParser parser, Problems problems) {
        return parser.raw(PUBLIC_BASE_URL).flatMap(raw -> {
            URI uri;
            try {
                uri = new URI(raw.value());
            } catch (URISyntaxException e) {
                problems.add(PUBLIC_BASE_URL, raw, "must be an absolute URL such as https://broker.example.com");
                return Optional.empty();
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null
                    || !(scheme.equals("https") || scheme.equals("http"))) {
                problems.add(PUBLIC_BASE_URL, raw, "must be an absolute http(s) URL with a host");
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                problems.add(PUBLIC_BASE_URL, raw, "must not have user info, a query or a fragment");
            } else {
                return Optional.of(uri);
            }
            return Optional.empty();
        });
    }

    private static List<String> allowedHosts(ValueParser parser, Problems problems) {
        List<String> hosts = new ArrayList<>();
        parser.raw(TEST_ALLOWED_HOSTS).ifPresent(raw -> {
            for (String entry : raw.value().split(",", -1)) {
                if (!HOST.matcher(entry).matches() || entry.length() > 253) {
                    problems.add(TEST_ALLOWED_HOSTS, raw, "must be a comma-separated list of host names"
                            + " (a leading *. allows every subdomain), without spaces, schemes or ports");
                    return;
                }
                hosts.add(entry);
            }
        });
        return hosts;
    }
}
