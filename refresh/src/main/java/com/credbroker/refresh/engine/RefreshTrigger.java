package com.credbroker.refresh.engine;

/** What asked for a refresh. All go through {@link TokenRefresher}. */
public enum RefreshTrigger {
    /** The background scan found the token inside the refresh window. */
    SCHEDULED,
    /** A lookup found the token expired or about to expire. */
    READ,
    /** An admin asked for a refresh now. */
    FORCED,
    /** A connection test's request was refused with 401: one refresh before one retry. */
    TEST;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
