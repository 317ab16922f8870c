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
}
