package com.credbroker.refresh.crashpoint;

/**
 * Called by the refresh engine and the token client at each {@link CrashPoint} of a refresh, so that tests
 * can inject a fault exactly there (the crash tests stop the process: {@link CrashPoints}). Passed in by the
 * composition root; {@link #NONE} in production. Implementations must be thread-safe and, when not
 * injecting, cheap: the hook is called on every refresh.
 */
@FunctionalInterface
public interface FaultHook {
    /** The hook that does nothing: production's. */
    FaultHook NONE = point -> {
    };

    /** The refresh has reached {@code point}; may not return (a crash test's hook blocks until killed). */
    void reach(CrashPoint point);
}
