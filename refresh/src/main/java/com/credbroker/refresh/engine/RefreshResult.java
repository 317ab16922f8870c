package com.credbroker.refresh.engine;

import com.credbroker.storage.credential.Credential;
import java.time.Instant;

/**
 * The record after a refresh attempt and how the attempt ended.
 *
 * @param credential  the stored record now (null only for {@link RefreshOutcome#NOT_FOUND})
 * @param retryAfter  for {@link RefreshOutcome#BACKING_OFF} and failures: the earliest next attempt, or null
 */
public record RefreshResult(Credential credential, RefreshOutcome outcome, Instant retryAfter) {

    static RefreshResult of(Credential credential, RefreshOutcome outcome) {
        return new RefreshResult(credential, outcome, null);
    }
}
