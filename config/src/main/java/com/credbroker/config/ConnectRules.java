package com.credbroker.config;

import com.credbroker.config.ValueType.Refusal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kinds of value of the connect-flow and connection-test keys: the public base URL, a list of host
 * names, the egress allow-list. (Plain http for the public base URL: {@link ConfigRelations}.)
 */
final class ConnectRules {
    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private ConnectRules() {
    }

    /** An absolute http(s) URL with a host and nothing after the path. */
    static ValueType<Optional<URI>> publicBaseUrl() {
        return ValueType.<URI>of(URI.class, text -> {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw Refusal.of("must be an absolute URL such as https://broker.example.com");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null
                    || !(scheme.equals("https") || scheme.equals("http"))) {
                throw Refusal.of("must be an absolute http(s) URL with a host");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw Refusal.of("must not have user info, a query or a fragment");
            }
            return uri;
        }).optional();
    }

    /** Comma-separated host names ({@code *.} allows every subdomain); unset is the empty list. */
    static ValueType<List<String>> hostList() {
        return ValueType.<List<String>>of(List.class, text -> {
            List<String> hosts = new ArrayList<>();
            for (String entry : text.split(",", -1)) {
                if (!HOST.matcher(entry).matches() || entry.length() > 253) {
                    throw Refusal.of("must be a comma-separated list of host names"
                            + " (a leading *. allows every subdomain), without spaces, schemes or ports");
                }
                hosts.add(entry);
            }
            return List.copyOf(hosts);
        }).printed(hosts -> hosts.isEmpty() ? "unset" : String.join(",", hosts)).absentAs(List.of());
    }

    /** See {@link EgressAllowList}; unset allows nothing beyond public addresses. */
    static ValueType<EgressAllowList> egressAllowList() {
        return ValueType.<EgressAllowList>of(EgressAllowList.class, text -> {
            try {
                return EgressAllowList.of(List.of(text.split(",", -1)));
            } catch (IllegalArgumentException e) {
                throw Refusal.of(e.getMessage());
            }
        }).printed(list -> list.entries().isEmpty() ? "unset" : list.toString()).absentAs(EgressAllowList.none());
    }
}
