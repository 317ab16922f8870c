package com.credbroker.storage.refresh;

import java.time.Instant;

/**
 * A lease on one connection's refresh: while it is valid no other refresher (thread or process) may
 * call the provider for this connection. {@link #epoch()} is the fencing token: every claim increments
 * the row's epoch, and a write carrying an older epoch is refused.
 *
 * @param snapshot the row as the claim read it, so the refresh need not read it again; null when the
 *                 payload did not open (the refresher then reads the row itself and reports why)
 */
public record RefreshClaim(
        String credentialId,
        String connectionId,
        String authConfigId,
        long epoch,
        String owner,
        Instant leaseUntil,
        ClaimSnapshot snapshot) {

    /** The same lease with another view of the row (after the refresher read it again). */
    public RefreshClaim withSnapshot(ClaimSnapshot newSnapshot) {
        return new RefreshClaim(credentialId, connectionId, authConfigId, epoch, owner, leaseUntil, newSnapshot);
    }
}
