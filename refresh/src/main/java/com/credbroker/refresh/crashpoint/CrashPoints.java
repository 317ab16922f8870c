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
 * The crash tests' {@link FaultHook}: stops a refresh at the armed points so that the test can kill the
 * process with {@code kill -9} while the refresh sits exactly there. The composition root builds it once
 * from the system property {@value #PROPERTY} (must be {@code enabled}) and the environment variables
 * {@value #POINT_ENV} (one point, or a comma-separated list such as {@code lease_taken,request_sent}) and
 * {@value #MARKER_ENV}; without both of the first two the hook is {@link FaultHook#NONE}.
 *
 * <p>An armed point stops the first refresh that reaches it (later ones pass): the thread creates an empty
 * file named after the point in the marker directory (the test's signal) and then blocks for ever. With several
 * points armed, refreshes started one after the other stop at successive points. Without a marker directory the
 * process halts itself ({@link Runtime#halt}: no shutdown hook, no flush, the same as {@code kill -9} for what
 * reached the disk). Thread-safe.
 */
public final class CrashPoints implements FaultHook {
    public static final String PROPERTY = "credbroker.test.crashPoints";
    public static final String POINT_ENV = "CB_TEST_CRASH_POINT";
    public static final String MARKER_ENV = "CB_TEST_CRASH_MARKER";

    private final Set<CrashPoint> armed;
    private final Set<CrashPoint> fired = ConcurrentHashMap.newKeySet();
    private final String markerDirectory;

    private CrashPoints(Set<CrashPoint> armed, String markerDirectory) {
        this.armed = armed;
        this.markerDirectory = markerDirectory;
    }

    /**
     * The hook these settings ask for: {@link FaultHook#NONE} unless {@code property} is {@code enabled} and
     * {@code pointNames} names points.
     *
     * @throws IllegalArgumentException for a name that is no crash point
     */
    public static FaultHook of(String property, String pointNames, String markerDirectory) {
        Set<CrashPoint> points = armed(property, pointNames);
        return points.isEmpty() ? FaultHook.NONE : new CrashPoints(points, markerDirectory);
    }

    /** The points armed by this property and environment value; empty in production. */
    static Set<CrashPoint> armed(String property, String pointNames) {
        Set<CrashPoint> armed = EnumSet.noneOf(CrashPoint.class);
        if ("enabled".equals(property) && pointNames != null) {
            for (String name : pointNames.split(",")) {
                armed.add(CrashPoint.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            }
        }
        return armed;
    }

    @Override
    public void reach(CrashPoint point) {
        if (armed.contains(point) && fired.add(point)) {
            crash(point);
        }
    }

    private void crash(CrashPoint point) {
        if (markerDirectory == null) {
            Runtime.getRuntime().halt(137);
        }
        try {
            Files.createFile(Path.of(markerDirectory, point.wireName()));
        } catch (IOException e) {
            Runtime.getRuntime().halt(137);
        }
        while (true) {
            LockSupport.park(this); // the test's SIGKILL ends this
        }
    }
}
