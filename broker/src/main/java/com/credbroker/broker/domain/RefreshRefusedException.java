package com.credbroker.broker.domain;

/**
 * A forced refresh that did not produce new tokens. It carries the refresh outcome (the
 * {@code X-Refresh-Outcome} label) and, when a retry can help, how many seconds to wait first.
 */
public abstract sealed class RefreshRefusedException extends BrokerException
        permits RefreshRefusedException.NotRefreshable, RefreshRefusedException.BackingOff,
        RefreshRefusedException.Rejected, RefreshRefusedException.Unavailable {
    private final String outcome;
    private final Long retryAfterSeconds;

    RefreshRefusedException(String code, String outcome, String message, Long retryAfterSeconds) {
        super(code, message);
        this.outcome = outcome;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The refresh outcome label, e.g. {@code invalid_grant}. */
    public String outcome() {
        return outcome;
    }

    /** Seconds before a retry may help, or null when none will. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The connection cannot be refreshed at all (no provider call). */
    public static final class NotRefreshable extends RefreshRefusedException {
        public NotRefreshable(String outcome) {
            super("not_refreshable", outcome, "this connection cannot be refreshed: it needs OAuth2 with a refresh"
                    + " token, a usable auth config, not disabled, and not finally expired (see status_reason)", null);
        }
    }

    /** A backoff or the provider's Retry-After holds the refresh (no provider call). */
    public static final class BackingOff extends RefreshRefusedException {
        public BackingOff(String outcome, String message, long retryAfterSeconds) {
            super("refresh_backoff", outcome, message, retryAfterSeconds);
        }
    }

    /** The provider refused for good ({@code invalid_grant}, {@code invalid_client}): a retry will not help. */
    public static final class Rejected extends RefreshRefusedException {
        public Rejected(String outcome, String message) {
            super("refresh_rejected", outcome, "refresh outcome " + outcome + ": " + message, null);
        }
    }

    /** The provider failed or another refresh holds the connection: nothing new stored, a later retry may work. */
    public static final class Unavailable extends RefreshRefusedException {
        public Unavailable(String outcome, String message, long retryAfterSeconds) {
            super("refresh_unavailable", outcome, "refresh outcome " + outcome + ": " + message, retryAfterSeconds);
        }
    }
}
