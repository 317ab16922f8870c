package com.credbroker.refresh.egress;

import java.net.InetAddress;

/**
 * What kind of destination an address is, judged on its bytes. An IPv6 address that carries an IPv4 one
 * (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d})
 * is judged by the IPv4 address it carries. Everything but {@link #PUBLIC} is refused by the
 * {@link EgressPolicy} unless the operator allows it. Stateless.
 */
public enum AddressClass {
    PUBLIC("a public address"),
    LOOPBACK("a loopback address"),
    LINK_LOCAL("a link-local address"),
    PRIVATE("a private address"),
    SHARED("a carrier-grade NAT address"),
    UNSPECIFIED("an unspecified address"),
    MULTICAST("a multicast address"),
    RESERVED("a broadcast or reserved address");

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** E.g. {@code a loopback address}, for refusal messages. */
    public String description() {
        return description;
    }

    public static AddressClass of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return ofIpv4(bytes);
        }
        byte[] embedded = embeddedIpv4(bytes);
        return embedded != null ? ofIpv4(embedded) : ofIpv6(bytes);
    }

    private static AddressClass ofIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return UNSPECIFIED; // 0.0.0.0/8, "this network": Linux connects 0.0.0.0 to itself
        }
        if (first == 127) {
            return LOOPBACK;
        }
        if (first == 10 || first == 172 && (second & 0xf0) == 16 || first == 192 && second == 168) {
            return PRIVATE;
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return SHARED;
        }
        if (first == 169 && second == 254) {
            return LINK_LOCAL;
        }
        if ((first & 0xf0) == 224) {
            return MULTICAST;
        }
        if ((first & 0xf0) == 240 || first == 192 && second == 0 && (b[2] & 0xff) == 0
                || first == 198 && (second & 0xfe) == 18) {
            return RESERVED; // 240/4 with 255.255.255.255, 192.0.0/24 protocol assignments, 198.18/15 benchmarking
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(byte[] b) {
        if (allZero(b, 0, 15)) {
            return b[15] == 0 ? UNSPECIFIED : b[15] == 1 ? LOOPBACK : RESERVED;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xff) {
            return MULTICAST;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return LINK_LOCAL;
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0 || (first & 0xfe) == 0xfc) {
            return PRIVATE; // fec0::/10 site-local (deprecated), fc00::/7 unique local
        }
        return PUBLIC;
    }

    /** The IPv4 address an IPv6 one carries, or null. {@code ::} and {@code ::1} are IPv6's own. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean mapped = allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = allZero(b, 0, 12) && !allZero(b, 12, 15);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        if (!(mapped || compatible || nat64)) {
            return null;
        }
        return new byte[] {b[12], b[13], b[14], b[15]};
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
