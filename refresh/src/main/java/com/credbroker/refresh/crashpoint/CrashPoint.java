package com.credbroker.refresh.crashpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Test-only crash points: the named steps of a refresh at which the crash tests kill the process with
 * {@code kill -9}. Inert in production: points are armed only when the JVM was started with the system
 * property {@code -Dcredbroker.test.crashPoints=enabled} <em>and</em> the environment variable
 * {@code CB_TEST_CRASH_POINT} names them (one, or a comma-separated list such as
 * {@code lease_taken,request_sent}); both are read once, at class load.
 *
 * <p>An armed point stops the first refresh that reaches it (later ones pass): the thread creates an empty
 * file named after the point in the directory {@code CB_TEST_CRASH_MARKER} (the test's signal) and then
 * blocks for ever, so the test sends a real SIGKILL while the refresh sits exactly there. With several points
 * armed, refreshes started one after the other stop at successive points. Without a marker directory the
 * process halts itself ({@link Runtime#halt}: no shutdown hook, no flush, the same as {@code kill -9} for
 * what reached the disk). Thread-safe; reaching an unarmed point costs one bit test.
 */
public enum CrashPoint {
    /** The database lease is claimed; nothing else has happened. */
    LEASE_TAKEN,
    /** The in-flight marker is set and the provider has answered; the answer is not read yet. */
    REQUEST_SENT,
    /** The provider's answer is parsed into a result; nothing of it is committed. */
    RESPONSE_PARSED,
    /** The outcome is committed; cached responses are not dropped yet, no caller has seen it. */
    COMMITTED;

    static final String PROPERTY = "credbroker.test.crashPoints";
    static final String POINT_ENV = "CB_TEST_CRASH_POINT";
    static final String MARKER_ENV = "CB_TEST_CRASH_MARKER";
    private static final Set<CrashPoint> ARMED = armed(System.getProperty(PROPERTY), System.getenv(POINT_ENV));
    private static final Set<CrashPoint> FIRED = ConcurrentHashMap.newKeySet();

    /** The points armed by this property and environment value; empty in production. */
    static Set<CrashPoint> armed(String property, String pointNames) {
        Set<CrashPoint> armed = EnumSet.noneOf(CrashPoint.class);
        if ("enabled".equals(property) && pointNames != null) {
            for (String name : pointNames.split(",")) {
                armed.add(valueOf(name.trim().toUpperCase(Locale.ROOT)));
            }
        }
        return armed;
    }

    /** The wire name, as {@code CB_TEST_CRASH_POINT} spells it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Does nothing unless this point is armed and has not stopped a refresh yet; then never returns. */
    public void reach() {
        if (ARMED.contains(this) && FIRED.add(this)) {
            crash();
        }
    }

    private void crash() {
        String markers = System.getenv(MARKER_ENV);
        if (markers == null) {
            Runtime.getRuntime().halt(137);
        }
        try {
            Files.createFile(Path.of(markers, wireName()));
        } catch (IOException e) {
            Runtime.getRuntime().halt(137);
        }
        while (true) {
            LockSupport.park(this); // the test's SIGKILL ends this
        }
    }
}
