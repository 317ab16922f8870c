package com.credbroker.storage.connect;

import java.time.Instant;
import java.util.List;

/**
 * Bookkeeping of the OAuth connect flow: started authorizations by state hash (single use), and the
 * status moves of INITIATED connections that do not need their secrets (a payload is never opened or
 * written here). Thread-safe. All instants come from the caller's clock; they are stored with
 * microsecond precision.
 */
public interface ConnectStore {

    /** Records a started authorization; its connection must exist. */
    void saveAuthorization(PendingAuthorization authorization);

    /**
     * Consumes the state in one conditional update, so that of two concurrent callbacks with the same
     * state exactly one gets {@link StateClaim.Claimed}. Expiry is the caller's to judge.
     */
    StateClaim consume(String stateHash, Instant now);

    /**
     * Moves an INITIATED connection to EXPIRED with {@code reason} ({@code updated_at = now}, version + 1).
     * False when the connection is not INITIATED any more, or gone: nothing changed.
     */
    boolean expireInitiated(String credentialId, String reason, Instant now);

    /**
     * INITIATED connections whose authorization expired at or before {@code now} and whose state was not
     * presented after {@code consumedBefore} (a callback still exchanging its code is left alone), oldest
     * deadline first, at most {@code limit}.
     */
    List<OverdueAuthorization> findOverdue(Instant now, Instant consumedBefore, int limit);

    /**
     * Deletes authorizations whose deadline passed before {@code expiredBefore} and whose connection is no
     * longer INITIATED (their state could only be refused now, which an unknown state is too). Returns how
     * many were deleted.
     */
    int purgeFinished(Instant expiredBefore);
}
