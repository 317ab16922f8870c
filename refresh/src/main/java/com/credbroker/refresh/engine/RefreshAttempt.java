package com.credbroker.refresh.engine;

import com.credbroker.refresh.client.ConnectionConfigs;
import com.credbroker.refresh.client.ProviderErrors;
import com.credbroker.refresh.client.TokenResult;
import com.credbroker.refresh.client.TokenResult.Failure;
import com.credbroker.refresh.client.TokenResult.Success;
import com.credbroker.refresh.crashpoint.CrashPoint;
import com.credbroker.refresh.engine.TokenRefresher.RefreshParts;
import com.credbroker.refresh.provider.ProviderException;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.db.StorageException;
import com.credbroker.storage.refresh.ClaimSnapshot;
import com.credbroker.storage.refresh.RefreshClaim;
import com.credbroker.storage.refresh.RefreshState;
import com.credbroker.storage.refresh.RefreshWrite;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One refresh under a claimed lease: re-read, check, mark in flight, call the provider, commit. */
final class RefreshAttempt {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshAttempt.class);
    private static final int COMMIT_ATTEMPTS = 3;

    private final RefreshParts parts;
    private final RefreshTrigger trigger;
    private RefreshClaim claim; // with the snapshot of the row this attempt works from
    private boolean sent;

    RefreshAttempt(RefreshParts parts, RefreshClaim claim, RefreshTrigger trigger) {
        this.parts = parts;
        this.claim = claim;
        this.trigger = trigger;
    }

    RefreshResult run() {
        parts.faults().reach(CrashPoint.LEASE_TAKEN);
        if (claim.snapshot() == null && !reread()) {
            return released(null, RefreshOutcome.NOT_FOUND);
        }
        return fromSnapshot(true);
    }

    /** Checks, marks in flight and sends, working from the claim's snapshot; once more from a fresh read if it moved. */
    private RefreshResult fromSnapshot(boolean mayReread) {
        ClaimSnapshot snapshot = claim.snapshot();
        Credential current = snapshot.credential();
        if (!Refreshability.refreshable(current, snapshot.failures())) {
            return released(current, RefreshOutcome.NOT_REFRESHABLE);
        }
        if (trigger == RefreshTrigger.READ && !RefreshDue.isDue(current.expiresAt(), now(), parts.config().skew())) {
            return released(current, RefreshOutcome.SHARED);
        }
        Optional<AuthConfig> authConfig = parts.authConfigs().find(current.authConfigId(),
                snapshot.authConfigVersion());
        if (authConfig.isEmpty() || authConfig.get().refreshBlocked()) {
            return unusableClient(current, authConfig);
        }
        String refreshToken = Refreshability.refreshToken(current);
        ResolvedProvider provider;
        try {
            provider = parts.providers().resolve(authConfig.get(), ConnectionConfigs.of(current.secrets()));
        } catch (ProviderException unresolvable) {
            // refused before any request, so nothing is marked sent
            return commit(authConfig.get(), refreshToken, ProviderErrors.unresolvable(unresolvable),
                    snapshot.failures());
        }
        if (!parts.store().markSent(claim, now())) {
            // The lease was lost, or an admin write changed the record since the snapshot.
            return mayReread && reread() ? fromSnapshot(false) : asStoredNow(RefreshOutcome.FENCED);
        }
        sent = true;
        TokenResult result = TokenRefresher.send(parts, provider, refreshToken,
                ConnectionConfigs.redirectUri(current.secrets()));
        parts.faults().reach(CrashPoint.RESPONSE_PARSED);
        return commit(authConfig.get(), refreshToken, result, snapshot.failures());
    }

    /** Reads the row into the claim's snapshot; false when it is gone or the lease is no longer the claim's. */
    private boolean reread() {
        Optional<Credential> found = parts.credentials().findByCredentialId(claim.credentialId());
        Optional<RefreshState> state = parts.store().state(claim.credentialId());
        if (found.isEmpty() || state.isEmpty() || state.get().epoch() != claim.epoch()
                || !claim.owner().equals(state.get().leaseOwner())) {
            return false;
        }
        claim = claim.withSnapshot(new ClaimSnapshot(found.get(), state.get().failures(),
                ClaimSnapshot.UNKNOWN_VERSION));
        return true;
    }

    /**
     * After an unexpected error: gives the lease back unless a request went out (recovery judges that).
     * Returns the claim when it should have been released but could not be (the database is away), so the
     * caller can release it once the database is back instead of leaving the connection leased until it
     * lapses; null otherwise.
     */
    RefreshClaim abandon() {
        if (!sent) {
            try {
                parts.store().release(claim);
            } catch (RuntimeException e) {
                LOG.debug("lease of credential {} not released yet", claim.credentialId());
                return claim;
            }
        }
        return null;
    }

    private RefreshResult commit(AuthConfig authConfig, String sentToken, TokenResult result, int failures) {
        Instant now = now();
        AtomicBoolean superseded = new AtomicBoolean();
        RefreshOutcome outcome;
        Function<Credential, RefreshWrite> decide;
        if (result instanceof Success success) {
            outcome = RefreshOutcome.SUCCESS;
            decide = current -> parts.decisions().success(current, success.tokens(), now);
        } else {
            Failure failure = (Failure) result;
            outcome = outcomeOf(failure);
            decide = failureDecision(authConfig, sentToken, failure, failures + 1, now, superseded);
        }
        AtomicReference<CredentialStatus> before = new AtomicReference<>();
        Function<Credential, RefreshWrite> observed = current -> {
            before.set(current.status()); // the row the outcome is decided on, read again if it moved
            return decide.apply(current);
        };
        Optional<Credential> stored = completeFromSnapshot(observed);
        if (stored.isEmpty()) {
            stored = completeWithRetry(observed);
        }
        if (stored.isEmpty()) {
            LOG.warn("refresh of credential {} lost its lease before commit; its result was discarded",
                    claim.credentialId());
            return asStoredNow(RefreshOutcome.FENCED);
        }
        parts.faults().reach(CrashPoint.COMMITTED);
        RefreshOutcome finalOutcome = superseded.get() ? RefreshOutcome.SHARED : outcome;
        parts.listener().committed(new RefreshCommit(claim.connectionId(), trigger, finalOutcome, before.get(),
                stored.get().status(), stored.get().statusReason()));
        return RefreshResult.of(stored.get(), finalOutcome);
    }

    private Function<Credential, RefreshWrite> failureDecision(AuthConfig authConfig, String sentToken,
            Failure failure, int failures, Instant now, AtomicBoolean superseded) {
        RefreshDecisions decisions = parts.decisions();
        switch (failure.failureClass()) {
            case INVALID_GRANT:
                // Another refresher may have stored a newer token meanwhile: then this answer is about the old one.
                return current -> {
                    superseded.set(!sentToken.equals(Refreshability.refreshToken(current)));
                    return superseded.get() ? null : decisions.invalidGrant(current, failure, now);
                };
            case INVALID_CLIENT:
                parts.authConfigs().blockRefresh(authConfig, failure.reason());
                return current -> decisions.clientRejected(current, failure, failures, now);
            default:
                return current -> decisions.retry(current, failure, failures, now);
        }
    }

    private static RefreshOutcome outcomeOf(Failure failure) {
        return switch (failure.failureClass()) {
            case INVALID_GRANT -> RefreshOutcome.INVALID_GRANT;
            case INVALID_CLIENT -> RefreshOutcome.INVALID_CLIENT;
            case RATE_LIMITED -> RefreshOutcome.RATE_LIMITED;
            case TRANSIENT -> RefreshOutcome.TRANSIENT;
            case BAD_RESPONSE -> RefreshOutcome.BAD_RESPONSE;
            case REJECTED -> RefreshOutcome.REJECTED;
        };
    }

    /**
     * The usual commit: the outcome decided from the snapshot, stored if the row has not moved since
     * (group-committed with other refreshes). Empty when it moved or the write failed: then the
     * locking commit below decides again from the row as it is.
     */
    private Optional<Credential> completeFromSnapshot(Function<Credential, RefreshWrite> decide) {
        RefreshWrite write = decide.apply(claim.snapshot().credential());
        if (write == null) {
            return Optional.empty();
        }
        try {
            return parts.store().completeUnchanged(claim, write);
        } catch (StorageException e) {
            return Optional.empty();
        }
    }

    /** The provider has answered: a database hiccup must not lose new tokens, so the commit is retried. */
    private Optional<Credential> completeWithRetry(Function<Credential, RefreshWrite> decide) {
        for (int attempt = 1; ; attempt++) {
            try {
                return parts.store().complete(claim, decide);
            } catch (StorageException e) {
                if (attempt >= COMMIT_ATTEMPTS) {
                    throw e;
                }
                LockSupport.parkNanos(50_000_000L * attempt);
            }
        }
    }

    private RefreshResult unusableClient(Credential current, Optional<AuthConfig> authConfig) {
        String reason = authConfig.map(c -> "client_rejected: " + c.refreshBlockedReason())
                .orElse("auth_config_missing: the connection's auth config does not exist");
        boolean expired = current.expiresAt() != null && !current.expiresAt().isAfter(now());
        if (!expired || reason.equals(current.statusReason())) {
            return released(current, RefreshOutcome.NOT_REFRESHABLE);
        }
        Instant now = now();
        Optional<Credential> stored = parts.store().complete(claim,
                c -> parts.decisions().unusableClient(c, reason, now));
        stored.ifPresent(c -> parts.listener().committed(new RefreshCommit(c.connectionId(), trigger,
                RefreshOutcome.NOT_REFRESHABLE, current.status(), c.status(), c.statusReason())));
        return RefreshResult.of(stored.orElse(current), RefreshOutcome.NOT_REFRESHABLE);
    }

    private RefreshResult released(Credential current, RefreshOutcome outcome) {
        parts.store().release(claim);
        return RefreshResult.of(current, outcome);
    }

    private RefreshResult asStoredNow(RefreshOutcome outcome) {
        return RefreshResult.of(parts.credentials().findByCredentialId(claim.credentialId()).orElse(null), outcome);
    }

    private Instant now() {
        return parts.clock().instant();
    }
}
