package com.credbroker.storage.refresh;

import java.time.Instant;

/**
 * A lease on one connection's refresh: while it is valid no other refresher (thread or process) may
 * call the provider for this connection. {@link #epoch()} is the fencing token: every claim increments
 * the row's epoch, and a write carrying an older epoch is refused.
 */
public record RefreshClaim(
        String credentialId,
        String connectionId,
        String authConfigId,
        long epoch,
        String owner,
        Instant leaseUntil) {
}
