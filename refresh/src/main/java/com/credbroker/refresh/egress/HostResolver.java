package com.credbroker.refresh.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Looks a host name up. The broker uses {@link #system()}; tests inject answers so that no name is looked
 * up and no outside address is ever contacted. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface HostResolver {

    /** Every address of the host (never empty). */
    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The JDK's resolver ({@link InetAddress#getAllByName}): hosts file, then DNS. */
    static HostResolver system() {
        return InetAddress::getAllByName;
    }

    /**
     * Looks nothing up: {@code localhost} and its subdomains (RFC 6761) are loopback, every other name is
     * unknown. For checks made while a request is validated, ahead of the check at connection time.
     */
    static HostResolver withoutLookups() {
        return host -> {
            if (host.equals("localhost") || host.endsWith(".localhost")) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }
            throw new UnknownHostException("not looked up");
        };
    }
}
