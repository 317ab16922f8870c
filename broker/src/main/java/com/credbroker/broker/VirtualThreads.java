package com.credbroker.broker;

/** Java 17 is the floor; where the JDK offers virtual threads (21+), the server uses them. */
final class VirtualThreads {
    private VirtualThreads() {
    }

    static boolean available() {
        return Runtime.version().feature() >= 21;
    }
}
