package com.credbroker.refresh.engine;

import com.credbroker.storage.credential.CredentialStatus;

/**
 * A refresh write as the engine committed it: the outcome, the status the write found and the one it left,
 * and the status reason it stored. Told once per committed outcome (never for a lease that was lost, nor
 * again for a commit retried after a database hiccup). Holds no secret: the reason is the coded,
 * sanitised text the API shows as {@code status_reason}.
 *
 * @param before status of the row the outcome was decided on; null if unknown
 * @param after  status as stored
 * @param reason status reason as stored; null after a success
 */
public record RefreshCommit(String connectionId, RefreshTrigger trigger, RefreshOutcome outcome,
        CredentialStatus before, CredentialStatus after, String reason) {

    /** True when the write moved the connection to another status. */
    public boolean statusChanged() {
        return before != null && before != after;
    }
}
