package com.credbroker.refresh.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * When a token is due for a refresh: the one rule behind the read-time path (a lookup refreshes first, with
 * the refresh skew as lead) and the scheduled scan (claims connections due within the refresh window, with
 * the window as lead; its SQL compares {@code expires_at <= }{@link #dueBefore}). A token is due when it
 * expires no later than {@code now + lead}; one without an expiry is never due. Whether the connection can
 * be refreshed at all is {@link TokenRefresher#canRefresh}'s question, not this one. Stateless.
 */
public final class RefreshDue {
    private RefreshDue() {
    }

    /** The latest expiry that is due at {@code now} with {@code lead}: tokens expiring at or before it are due. */
    public static Instant dueBefore(Instant now, Duration lead) {
        return now.plus(lead);
    }

    /** When a token expiring at {@code expiresAt} becomes due with {@code lead}; null when it never expires. */
    public static Instant dueAt(Instant expiresAt, Duration lead) {
        return expiresAt == null ? null : expiresAt.minus(lead);
    }

    /** True when a token expiring at {@code expiresAt} is due at {@code now}: expired, or expiring within {@code lead}. */
    public static boolean isDue(Instant expiresAt, Instant now, Duration lead) {
        return expiresAt != null && !expiresAt.isAfter(dueBefore(now, lead));
    }
}
