package com.credbroker.storage.refresh;

import java.time.Instant;

/**
 * A connection's refresh bookkeeping (plain columns beside the record).
 *
 * @param leaseOwner  the process holding the lease, or null
 * @param leaseUntil  when the lease lapses, or null
 * @param epoch       fencing epoch: incremented by every claim
 * @param sentAt      in-flight marker: set just before a token request is sent, cleared on completion
 * @param failures    consecutive transient failures
 * @param retryAfter  earliest next attempt, or null
 */
public record RefreshState(
        String leaseOwner,
        Instant leaseUntil,
        long epoch,
        Instant sentAt,
        int failures,
        Instant retryAfter) {

    /**
     * True when someone holds an unexpired lease at {@code now}. With a database lease clock (PostgreSQL)
     * only {@link RefreshStore#leaseHeld} judges in the right time.
     */
    public boolean leased(Instant now) {
        return leaseUntil != null && leaseUntil.isAfter(now);
    }
}
