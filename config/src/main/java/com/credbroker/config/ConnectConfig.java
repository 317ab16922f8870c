package com.credbroker.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings of the OAuth connect flow and of connection tests, a slice of {@link BrokerConfig}.
 * Keys and defaults: {@link ConfigTable}. Built by {@link ConfigLoader}; immutable. Nothing here is secret.
 *
 * @param publicBaseUrl         the broker's URL as a browser reaches it;
 *                              the OAuth callback is {@code <publicBaseUrl>/v1/personal-connectors/oauth/callback}.
 *                              Empty: {@code http://localhost:<port>}, for local use only
 * @param authorizationTimeout  an INITIATED connection not completed within this becomes EXPIRED
 * @param testAllowedHosts      hosts a connection's {@code test_request_endpoint} may name besides the host
 *                              of its {@code base_url}; compared without letter case
 * @param testConnectTimeout    connect timeout of a test request
 * @param testReadTimeout       response timeout of a test request
 * @param egressAllowList       destinations outbound requests may reach although they resolve to a loopback,
 *                              private, link-local or other internal address
 * @param oidcDiscoveryTtl      how long an OpenID issuer's discovery document and key set are kept
 */
public record ConnectConfig(
        Optional<URI> publicBaseUrl,
        Duration authorizationTimeout,
        List<String> testAllowedHosts,
        Duration testConnectTimeout,
        Duration testReadTimeout,
        EgressAllowList egressAllowList,
        Duration oidcDiscoveryTtl) {

    /** The built-in defaults of {@link ConfigTable}. */
    public static ConnectConfig defaults() {
        return BrokerConfig.builder().build().connect();
    }

    public ConnectConfig {
        publicBaseUrl = publicBaseUrl == null ? Optional.empty() : publicBaseUrl;
        testAllowedHosts = testAllowedHosts == null ? List.of() : List.copyOf(testAllowedHosts);
        egressAllowList = egressAllowList == null ? EgressAllowList.none() : egressAllowList;
    }

    /** True when {@code host} is on the operator's allow-list (exactly, or under a {@code *.} entry). */
    public boolean testHostAllowed(String host) {
        if (host == null) {
            return false;
        }
        String candidate = host.toLowerCase(Locale.ROOT);
        for (String entry : testAllowedHosts) {
            String allowed = entry.toLowerCase(Locale.ROOT);
            if (allowed.startsWith("*.") ? candidate.endsWith(allowed.substring(1)) : candidate.equals(allowed)) {
                return true;
            }
        }
        return false;
    }
}
