package com.credbroker.refresh.egress;

import com.credbroker.config.EgressAllowList;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one rule for every outbound request the broker makes for a caller (connection tests, token, code
 * exchange and revocation requests): resolve the host, refuse it when any address it resolves to is not
 * public ({@link AddressClass}), and hand back exactly the addresses that were checked, which are the only
 * ones the HTTP transport then connects to (no second lookup, so no DNS rebinding between check and
 * connect). A host whose last label is a number is read as an IPv4 address in every notation (see
 * {@link HostLiterals}) and never looked up. The operator's {@link EgressAllowList} lets a listed host
 * name, or an address inside a listed block, through. A refusal happens before any connection and reads
 * the same whatever the port and whether anything listens there. Thread-safe and immutable.
 */
public final class EgressPolicy {
    private final EgressAllowList allowList;
    private final HostResolver resolver;
    private final boolean enforced;

    private EgressPolicy(EgressAllowList allowList, HostResolver resolver, boolean enforced) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.enforced = enforced;
    }

    /** Public addresses only, plus what {@code allowList} names. */
    public static EgressPolicy enforcing(EgressAllowList allowList, HostResolver resolver) {
        return new EgressPolicy(allowList, resolver, true);
    }

    /**
     * Every address allowed (still resolved once and connected to as resolved): only for
     * {@code CREDBROKER_ALLOW_INSECURE_TOKEN_URLS=true}, which is for local development and tests.
     */
    public static EgressPolicy unrestricted(HostResolver resolver) {
        return new EgressPolicy(EgressAllowList.none(), resolver, false);
    }

    /**
     * The rule of token, authorization and revocation endpoints: {@link #unrestricted} when
     * {@code CREDBROKER_ALLOW_INSECURE_TOKEN_URLS} is true, else {@link #enforcing}.
     */
    public static EgressPolicy forTokenEndpoints(boolean allowInsecureUrls, EgressAllowList allowList,
            HostResolver resolver) {
        return allowInsecureUrls ? unrestricted(resolver) : enforcing(allowList, resolver);
    }

    /**
     * The addresses a connection to {@code host} may use.
     *
     * @throws EgressRefusedException when the host or one of its addresses is not allowed
     * @throws UnknownHostException   when the host has no address
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String name = normalise(host);
        InetAddress[] addresses;
        if (HostLiterals.isLiteral(name)) {
            try {
                addresses = new InetAddress[] {HostLiterals.parse(name)};
            } catch (UnknownHostException notAnAddress) {
                throw refused(host, "is not a valid IP address");
            }
        } else {
            addresses = resolver.resolve(name);
        }
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException("no address");
        }
        if (enforced && !allowList.allowsHost(name)) {
            for (InetAddress address : addresses) {
                AddressClass kind = AddressClass.of(address);
                if (kind != AddressClass.PUBLIC && !allowList.allowsAddress(address)) {
                    throw refused(host, "resolves to " + kind.description());
                }
            }
        }
        return List.of(addresses);
    }

    /**
     * Checks a host ahead of a request, for a clear refusal: a host that does not resolve passes here
     * (the request then fails as a network failure); the connection itself is checked again.
     *
     * @throws EgressRefusedException when the host or one of its addresses is not allowed
     */
    public void check(String host) {
        try {
            resolve(host);
        } catch (UnknownHostException unresolvable) {
            // not a refusal: the request will fail to connect, as any unreachable host does
        }
    }

    private static String normalise(String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static EgressRefusedException refused(String host, String why) {
        return new EgressRefusedException("destination not allowed: " + host + " " + why);
    }
}
