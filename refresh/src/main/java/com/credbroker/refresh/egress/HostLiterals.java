package com.credbroker.refresh.egress;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Reads a URL host that is an address rather than a name, without looking anything up. IPv6 literals
 * (with or without brackets) are parsed by the JDK. A host whose last label is a number is an IPv4
 * address in any of the notations URL parsers accept (WHATWG URL, curl, browsers): one to four parts,
 * each decimal, octal ({@code 0177}) or hex ({@code 0x7f}), the last part filling the remaining bytes, so
 * {@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1} and {@code 127.1} are all {@code 127.0.0.1}.
 * Stateless.
 */
final class HostLiterals {
    private static final BigInteger BYTE = BigInteger.valueOf(256);

    private HostLiterals() {
    }

    /** True when the host must be read as an address (it is never a name to look up). */
    static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || endsInNumber(host);
    }

    /**
     * The address a literal host denotes.
     *
     * @throws UnknownHostException when it is written as an address but is not a valid one
     */
    static InetAddress parse(String host) throws UnknownHostException {
        if (host.indexOf(':') >= 0) {
            // a string with a ':' is parsed as an IPv6 literal by the JDK, never looked up
            return InetAddress.getByName(host.startsWith("[") ? host : "[" + host + "]");
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            throw new UnknownHostException("not an IPv4 address");
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < parts.length; i++) {
            BigInteger part = number(parts[i]);
            int width = i == parts.length - 1 ? 5 - parts.length : 1; // bytes this part fills
            if (part == null || part.compareTo(BYTE.pow(width)) >= 0) {
                throw new UnknownHostException("not an IPv4 address");
            }
            value = value.multiply(BYTE.pow(width)).add(part);
        }
        byte[] bytes = new byte[4];
        for (int i = 3; i >= 0; i--) {
            bytes[i] = value.byteValue();
            value = value.shiftRight(8);
        }
        return InetAddress.getByAddress(bytes);
    }

    /** The WHATWG "ends in a number" rule: the last non-empty label is decimal digits or 0x-hex. */
    private static boolean endsInNumber(String host) {
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = trimmed.substring(trimmed.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return !last.isEmpty() && (last.chars().allMatch(Character::isDigit) || last.matches("0x[0-9a-f]*"));
    }

    private static BigInteger number(String part) {
        String text = part.toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.length() > 40) {
            return null;
        }
        try {
            if (text.startsWith("0x")) {
                return text.length() == 2 ? BigInteger.ZERO : new BigInteger(text.substring(2), 16);
            }
            if (text.length() > 1 && text.startsWith("0")) {
                return new BigInteger(text.substring(1), 8);
            }
            return new BigInteger(text, 10);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
