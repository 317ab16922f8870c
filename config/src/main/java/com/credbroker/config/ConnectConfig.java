package com.credbroker.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings of the OAuth connect flow and of connection tests, part of {@link BrokerConfig}. Built by
 * {@link ConfigLoader}; immutable. Nothing here is secret.
 *
 * @param publicBaseUrl         the broker's URL as a browser reaches it ({@code CREDBROKER_PUBLIC_BASE_URL});
 *                              the OAuth callback is {@code <publicBaseUrl>/v1/personal-connectors/oauth/callback}.
 *                              Empty: {@code http://localhost:<port>}, for local use only
 * @param authorizationTimeout  an INITIATED connection not completed within this becomes EXPIRED
 *                              ({@code CREDBROKER_AUTHORIZATION_TIMEOUT}, PT10M)
 * @param testAllowedHosts      hosts a connection's {@code test_request_endpoint} may name besides the host
 *                              of its {@code base_url} ({@code CREDBROKER_TEST_ALLOWED_HOSTS}, comma-separated;
 *                              {@code *.example.com} matches every subdomain); compared without letter case
 * @param testConnectTimeout    connect timeout of a test request ({@code CREDBROKER_TEST_CONNECT_TIMEOUT}, PT5S)
 * @param testReadTimeout       response timeout of a test request ({@code CREDBROKER_TEST_READ_TIMEOUT}, PT10S)
 * @param egressAllowList       destinations outbound requests may reach although they resolve to a loopback,
 *                              private, link-local or other internal address ({@code CREDBROKER_EGRESS_ALLOWED_HOSTS},
 *                              comma-separated host names, addresses and CIDR blocks; default none)
 */
public record ConnectConfig(
        Optional<URI> publicBaseUrl,
        Duration authorizationTimeout,
        List<String> testAllowedHosts,
        Duration testConnectTimeout,
        Duration testReadTimeout,
        EgressAllowList egressAllowList) {

    public ConnectConfig {
        publicBaseUrl = publicBaseUrl == null ? Optional.empty() : publicBaseUrl;
        testAllowedHosts = testAllowedHosts == null ? List.of() : List.copyOf(testAllowedHosts);
        egressAllowList = egressAllowList == null ? EgressAllowList.none() : egressAllowList;
    }

    /** Without an egress allow-list: only public addresses are reached. */
    public ConnectConfig(Optional<URI> publicBaseUrl, Duration authorizationTimeout, List<String> testAllowedHosts,
            Duration testConnectTimeout, Duration testReadTimeout) {
        this(publicBaseUrl, authorizationTimeout, testAllowedHosts, testConnectTimeout, testReadTimeout,
                EgressAllowList.none());
    }

    /** The built-in defaults, as documented on each component. */
    public static ConnectConfig defaults() {
        return new ConnectConfig(Optional.empty(), Duration.ofMinutes(10), List.of(), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    public ConnectConfig withPublicBaseUrl(URI url) {
        return new ConnectConfig(Optional.of(url), authorizationTimeout, testAllowedHosts, testConnectTimeout,
                testReadTimeout, egressAllowList);
    }

    public ConnectConfig withTestAllowedHosts(List<String> hosts) {
        return new ConnectConfig(publicBaseUrl, authorizationTimeout, hosts, testConnectTimeout, testReadTimeout,
                egressAllowList);
    }

    public ConnectConfig withEgressAllowList(EgressAllowList allowList) {
        return new ConnectConfig(publicBaseUrl, authorizationTimeout, testAllowedHosts, testConnectTimeout,
                testReadTimeout, allowList);
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
