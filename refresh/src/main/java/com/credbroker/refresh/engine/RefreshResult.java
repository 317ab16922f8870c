package com.credbroker.refresh.engine;

import com.credbroker.storage.credential.Credential;
import java.time.Instant;

/**
 * The record after a refresh attempt and how the attempt ended.
 *
 * @param credential  the stored record now (null only for {@link RefreshOutcome#NOT_FOUND})
 * @param retryAfter  for {@link RefreshOutcome#BACKING_OFF} and failures: the earliest next attempt, or null
 * @param hold        for {@link RefreshOutcome#BACKING_OFF}: what holds the refresh back; {@link Hold#NONE} otherwise
 */
public record RefreshResult(Credential credential, RefreshOutcome outcome, Instant retryAfter, Hold hold) {

    /** What keeps a refresh from being sent before {@link #retryAfter()}. */
    public enum Hold {
        NONE,
        /**
         * Not due yet: the pause after a successful refresh of a token that lives shorter than the refresh
         * window. It holds the scan and read-time refreshes, never a forced one.
         */
        NOT_DUE,
        /** The backoff after a failed refresh (the failure is in the record's {@code status_reason}). */
        FAILURE_BACKOFF,
        /** The provider's {@code Retry-After} from the last, failed, refresh. */
        PROVIDER_RETRY_AFTER
    }

    public RefreshResult(Credential credential, RefreshOutcome outcome, Instant retryAfter) {
        this(credential, outcome, retryAfter, Hold.NONE);
    }

    static RefreshResult of(Credential credential, RefreshOutcome outcome) {
        return new RefreshResult(credential, outcome, null);
    }
}
