package com.credbroker.refresh.engine;

import java.util.Locale;

/** How one call of {@link TokenRefresher#refresh} ended; the {@link #label()} is a metric tag. */
public enum RefreshOutcome {
    /** New tokens committed. */
    SUCCESS(true),
    /** The provider said {@code invalid_grant}: the connection is EXPIRED, no more attempts. */
    INVALID_GRANT(true),
    /** The provider rejected the app's client: every connection of the auth config stops. */
    INVALID_CLIENT(true),
    /** 429: no attempt before Retry-After. */
    RATE_LIMITED(true),
    /** 5xx, timeout, connection error: retried with backoff. */
    TRANSIENT(true),
    /** A 2xx that was not a usable token response: nothing stored, retried with backoff. */
    BAD_RESPONSE(true),
    /** Another OAuth error: retried with backoff. */
    REJECTED(true),
    /** Another refresher held the lease; its result (if any) was returned. */
    SHARED(false),
    /** Our lease was taken over before we could send or commit: nothing sent or nothing written. */
    FENCED(false),
    /** Backing off (or Retry-After): no provider call. */
    BACKING_OFF(false),
    /** Not refreshable: not OAuth2, no refresh token, disabled, final status, or no usable auth config. */
    NOT_REFRESHABLE(false),
    /** The connection does not exist. */
    NOT_FOUND(false);

    private final boolean calledProvider;

    RefreshOutcome(boolean calledProvider) {
        this.calledProvider = calledProvider;
    }

    /** True when this refresh sent a token request. */
    public boolean calledProvider() {
        return calledProvider;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
