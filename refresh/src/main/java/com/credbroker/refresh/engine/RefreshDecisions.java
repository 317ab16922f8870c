package com.credbroker.refresh.engine;

import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.FailureClass;
import com.credbroker.refresh.client.TokenResult.Failure;
import com.credbroker.refresh.client.TokenSet;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.refresh.RefreshWrite;
import java.time.Duration;
import java.time.Instant;

/**
 * What a refresh outcome does to the stored record, as pure functions of the record as it is now
 * (read inside the completing transaction). Status reasons are coded: {@code <code>: <detail>}.
 */
final class RefreshDecisions {
    static final String INTERRUPTED = "refresh_interrupted: the broker stopped while a token request was in"
            + " flight; the provider may have rotated the refresh token, so it is not presented again."
            + " Reconnect the account or import new tokens";
    /** Ends the status reason of a failure whose wait the provider's {@code Retry-After} set (not the backoff). */
    static final String PROVIDER_WAIT = "; waiting for the provider's Retry-After";
    private static final int MAX_REASON = 1000;

    private final RefreshConfig config;
    private final Backoff backoff;

    RefreshDecisions(RefreshConfig config, Backoff backoff) {
        this.config = config;
        this.backoff = backoff;
    }

    /** New tokens: ACTIVE, no reason, new expiry; a response without a refresh token keeps the old one. */
    RefreshWrite success(Credential current, TokenSet tokens, Instant now) {
        Duration lifetime = config.tokenLifetime(tokens.expiresInSeconds());
        Credential next = with(current, CredentialStatus.ACTIVE, null, now.plus(lifetime),
                tokens.mergedInto(current.secrets()), now);
        // A token that lives shorter than the refresh window would be due again at once: wait half its life.
        Instant retryAfter = lifetime.compareTo(config.window()) < 0
                ? now.plus(max(Backoff.FLOOR, lifetime.dividedBy(2))) : null;
        return new RefreshWrite(next, 0, retryAfter);
    }

    /** The refresh token is dead: EXPIRED with the provider's reason, never retried. */
    RefreshWrite invalidGrant(Credential current, Failure failure, Instant now) {
        return new RefreshWrite(with(current, CredentialStatus.EXPIRED, failure.reason(), current.expiresAt(),
                current.secrets(), now), 0, null);
    }

    /**
     * The app's client was rejected: the auth config is blocked (elsewhere). The connection keeps its
     * status while its token is valid and counts a failure, so it is refreshed again once the config is
     * changed.
     */
    RefreshWrite clientRejected(Credential current, Failure failure, int failures, Instant now) {
        return new RefreshWrite(with(current, statusAt(current, now), "client_rejected: " + failure.reason(),
                current.expiresAt(), current.secrets(), now), Math.max(1, failures), null);
    }

    /**
     * A failure worth retrying: backoff with full jitter (at least Retry-After); tokens unchanged. When the
     * provider's Retry-After sets the wait, the reason ends with {@link #PROVIDER_WAIT}.
     */
    RefreshWrite retry(Credential current, Failure failure, int failures, Instant now) {
        Duration wait = backoff.delay(failures);
        boolean providerWait = failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0;
        if (providerWait) {
            wait = min(failure.retryAfter(), config.backoffCap().multipliedBy(4));
        }
        String reason = prefix(failure.failureClass()) + ": " + failure.reason() + (providerWait ? PROVIDER_WAIT : "");
        return new RefreshWrite(with(current, statusAt(current, now), reason, current.expiresAt(), current.secrets(),
                now), failures, now.plus(wait));
    }

    /** The auth config is blocked or gone: an expired token's connection says so; nothing is retried. */
    RefreshWrite unusableClient(Credential current, String reason, Instant now) {
        return new RefreshWrite(with(current, statusAt(current, now), reason, current.expiresAt(), current.secrets(),
                now), 1, null);
    }

    /**
     * What a pending retry-after of {@code current} means: after a success (no failures counted) the schedule's
     * pause for a short-lived token; after a failure the provider's Retry-After when it set the wait, else the
     * backoff.
     */
    static RefreshResult.Hold hold(Credential current, int failures) {
        if (failures == 0) {
            return RefreshResult.Hold.NOT_DUE;
        }
        String reason = current.statusReason();
        return reason != null && reason.endsWith(PROVIDER_WAIT)
                ? RefreshResult.Hold.PROVIDER_RETRY_AFTER : RefreshResult.Hold.FAILURE_BACKOFF;
    }

    private static CredentialStatus statusAt(Credential current, Instant now) {
        return current.expiresAt() == null || current.expiresAt().isAfter(now)
                ? CredentialStatus.ACTIVE : CredentialStatus.EXPIRED;
    }

    private static String prefix(FailureClass failureClass) {
        return switch (failureClass) {
            case RATE_LIMITED -> "rate_limited";
            case BAD_RESPONSE -> "bad_token_response";
            case REJECTED -> "refresh_rejected";
            default -> "refresh_failed";
        };
    }

    private static Credential with(Credential c, CredentialStatus status, String reason, Instant expiresAt,
            CredentialSecrets secrets, Instant now) {
        String bounded = reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
        return c.toBuilder().status(status).statusReason(bounded).expiresAt(expiresAt).secrets(secrets).updatedAt(now)
                .build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
