package com.credbroker.broker.credential;

import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.domain.RefreshRefusedException;
import com.credbroker.refresh.engine.RefreshResult;
import java.time.Duration;
import java.time.Instant;

/**
 * What a forced refresh's outcome means to the admin who asked: new tokens ({@code success}, or
 * {@code shared}: a concurrent refresh's record) are the answer; every other outcome is a refusal that
 * names it — final ({@code invalid_grant}, {@code invalid_client}), temporary (the provider failed, or
 * another node's refresh took over), or held back before any provider call (not refreshable, backing off).
 */
final class ForcedRefreshes {
    private static final int MAX_REASON = 200;

    private ForcedRefreshes() {
    }

    /** The result when it carries new tokens; otherwise throws the refusal of its outcome. */
    static RefreshResult produced(RefreshResult result, Instant now) {
        String outcome = result.outcome().label();
        return switch (result.outcome()) {
            case SUCCESS, SHARED -> result;
            case NOT_FOUND -> throw new NotFoundException("connection");
            case NOT_REFRESHABLE -> throw new RefreshRefusedException.NotRefreshable(outcome);
            case BACKING_OFF -> throw new RefreshRefusedException.BackingOff(outcome, backoffMessage(result),
                    retryAfter(result, now));
            case INVALID_GRANT -> throw new RefreshRefusedException.Rejected(outcome, "the provider refused the"
                    + " refresh token; the connection is EXPIRED and needs a new authorization" + reason(result));
            case INVALID_CLIENT -> throw new RefreshRefusedException.Rejected(outcome, "the provider refused the"
                    + " app's client; fix the auth config's client_id or client_secret" + reason(result));
            case FENCED -> throw new RefreshRefusedException.Unavailable(outcome, "another refresh of this"
                    + " connection took over; nothing was stored", 1);
            case RATE_LIMITED, TRANSIENT, BAD_RESPONSE, REJECTED -> throw new RefreshRefusedException.Unavailable(
                    outcome, "the provider did not issue new tokens; nothing was stored and the connection keeps"
                            + " its status while its token is valid" + reason(result), retryAfter(result, now));
        };
    }

    /** Says what holds the refresh: the provider's Retry-After, or the broker's backoff after a failure. */
    private static String backoffMessage(RefreshResult result) {
        return result.hold() == RefreshResult.Hold.PROVIDER_RETRY_AFTER
                ? "the token provider asked to wait (its Retry-After) after the last refresh of this connection;"
                        + " retry later"
                : "a refresh of this connection is backing off after a failure (see status_reason); retry later";
    }

    private static long retryAfter(RefreshResult result, Instant now) {
        return result.retryAfter() == null ? 1 : Math.max(1, Duration.between(now, result.retryAfter()).toSeconds() + 1);
    }

    /** The record's status reason (what the provider said, as every lookup shows it), bounded. */
    private static String reason(RefreshResult result) {
        String reason = result.credential() == null ? null : result.credential().statusReason();
        if (reason == null) {
            return "";
        }
        return " (status_reason: " + (reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…")
                + ")";
    }
}
