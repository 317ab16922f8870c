package com.credbroker.refresh.engine;

import com.credbroker.refresh.engine.TokenRefresher.RefreshParts;
import com.credbroker.storage.credential.Credential;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a refresh another refresher (a queued scheduled one, or another process) holds, then
 * returns the record it left. Bounded by one token request's timeouts: a stuck holder does not hold a
 * lookup longer than that.
 */
final class LeaseWait {
    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(5).toNanos();
    private static final long MAX_PAUSE_NANOS = Duration.ofMillis(100).toNanos();
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final RefreshParts parts;

    LeaseWait(RefreshParts parts) {
        this.parts = parts;
    }

    RefreshResult awaitRelease(String credentialId) {
        Duration bound = parts.config().connectTimeout().plus(parts.config().readTimeout()).plus(MARGIN);
        long deadline = System.nanoTime() + bound.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (System.nanoTime() < deadline) {
            // judged on the store's lease clock: the database's where nodes share it
            if (!parts.store().leaseHeld(credentialId, parts.clock().instant())) {
                break;
            }
            LockSupport.parkNanos(pause);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
        Optional<Credential> now = parts.credentials().findByCredentialId(credentialId);
        return now.map(c -> RefreshResult.of(c, RefreshOutcome.SHARED))
                .orElseGet(() -> RefreshResult.of(null, RefreshOutcome.NOT_FOUND));
    }
}
