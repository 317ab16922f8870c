package com.credbroker.refresh.crashpoint;

import java.util.Locale;

/**
 * The named steps of one refresh at which a {@link FaultHook} is called, in the order a refresh reaches
 * them. The crash tests kill the process at each one ({@link CrashPoints}); in production the hook is
 * {@link FaultHook#NONE}.
 */
public enum CrashPoint {
    /** The database lease is claimed; nothing else has happened (the refresh attempt starts). */
    LEASE_TAKEN,
    /** The in-flight marker is set and the provider has answered; the answer is not read yet. */
    REQUEST_SENT,
    /** The provider's answer is parsed into a result; nothing of it is committed. */
    RESPONSE_PARSED,
    /** The outcome is committed; cached responses are not dropped yet, no caller has seen it. */
    COMMITTED;

    /** The wire name, as {@code CB_TEST_CRASH_POINT} spells it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
