package com.credbroker.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The destinations the operator lets outbound requests reach although they resolve to an internal address
 * ({@code CREDBROKER_EGRESS_ALLOWED_HOSTS}): host names (a leading {@code *.} matches every subdomain),
 * matched without letter case, and IP addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}),
 * matched on the resolved address bytes. Parsing never looks a name up. Immutable and thread-safe.
 */
public final class EgressAllowList {
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?"
            + "(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

    private static final EgressAllowList NONE = new EgressAllowList(List.of(), List.of(), List.of());

    private final List<String> entries;
    private final List<String> names;
    private final List<Network> networks;

    private record Network(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private EgressAllowList(List<String> entries, List<String> names, List<Network> networks) {
        this.entries = List.copyOf(entries);
        this.names = List.copyOf(names);
        this.networks = List.copyOf(networks);
    }

    /** Nothing allowed beyond public addresses: the default. */
    public static EgressAllowList none() {
        return NONE;
    }

    /**
     * Parses entries (host names, addresses, CIDR blocks).
     *
     * @throws IllegalArgumentException naming the rule an entry breaks (never echoing it)
     */
    public static EgressAllowList of(List<String> values) {
        List<String> names = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        for (String value : values) {
            String entry = value.strip().toLowerCase(Locale.ROOT);
            Network network = network(entry);
            if (network != null) {
                networks.add(network);
            } else if (entry.length() <= 253 && NAME.matcher(entry).matches()) {
                names.add(entry);
            } else {
                throw new IllegalArgumentException("must be a comma-separated list of host names (a leading *. allows"
                        + " every subdomain), IP addresses or CIDR blocks such as 10.0.0.0/8, without schemes or ports");
            }
        }
        return new EgressAllowList(values.stream().map(String::strip).toList(), names, networks);
    }

    /** The entries as configured, for the config summary. */
    public List<String> entries() {
        return entries;
    }

    /** True when the host name is listed (exactly, or under a {@code *.} entry). */
    public boolean allowsHost(String host) {
        if (host == null) {
            return false;
        }
        String candidate = host.toLowerCase(Locale.ROOT);
        for (String allowed : names) {
            if (allowed.startsWith("*.") ? candidate.endsWith(allowed.substring(1)) : candidate.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** True when the address lies in a listed address or CIDR block (an IPv4 entry matches IPv4 only). */
    public boolean allowsAddress(InetAddress address) {
        byte[] bytes = address.getAddress();
        return networks.stream().anyMatch(network -> network.contains(bytes));
    }

    /** An address or CIDR block, or null when the entry is not written as one. */
    private static Network network(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !IPV6.matcher(address).matches()) {
            return null;
        }
        byte[] bytes;
        try {
            // a literal with a ':' or four decimal parts is parsed, never looked up
            bytes = InetAddress.getByName(v4 ? address : "[" + address + "]").getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
        int max = bytes.length * 8;
        int bits = max;
        if (slash >= 0) {
            String suffix = entry.substring(slash + 1);
            if (!suffix.matches("\\d{1,3}") || Integer.parseInt(suffix) > max) {
                return null;
            }
            bits = Integer.parseInt(suffix);
        }
        return new Network(bytes, bits);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EgressAllowList list && list.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
