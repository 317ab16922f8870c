package com.credbroker.refresh.engine;

import com.credbroker.refresh.client.TokenResult;
import com.credbroker.refresh.client.TokenResult.Failure;
import com.credbroker.refresh.client.TokenResult.Success;
import com.credbroker.refresh.engine.TokenRefresher.RefreshParts;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.db.StorageException;
import com.credbroker.storage.refresh.RefreshClaim;
import com.credbroker.storage.refresh.RefreshState;
import com.credbroker.storage.refresh.RefreshWrite;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One refresh under a claimed lease: re-read, check, mark in flight, call the provider, commit. */
final class RefreshAttempt {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshAttempt.class);
    private static final int COMMIT_ATTEMPTS = 3;

    private final RefreshParts parts;
    private final RefreshClaim claim;
    private final RefreshTrigger trigger;
    private boolean sent;

    RefreshAttempt(RefreshParts parts, RefreshClaim claim, RefreshTrigger trigger) {
        this.parts = parts;
        this.claim = claim;
        this.trigger = trigger;
    }

    RefreshResult run() {
        Optional<Credential> found = parts.credentials().findByCredentialId(claim.credentialId());
        if (found.isEmpty()) {
            return RefreshResult.of(null, RefreshOutcome.NOT_FOUND);
        }
        Credential current = found.get();
        RefreshState state = parts.store().state(claim.credentialId()).orElse(null);
        if (!RefreshRules.refreshable(current, state)) {
            return released(current, RefreshOutcome.NOT_REFRESHABLE);
        }
        if (trigger == RefreshTrigger.READ && !expiringAt(current, now())) {
            return released(current, RefreshOutcome.SHARED);
        }
        Optional<AuthConfig> authConfig = parts.authConfigs().find(current.authConfigId());
        if (authConfig.isEmpty() || authConfig.get().refreshBlocked()) {
            return unusableClient(current, authConfig);
        }
        String refreshToken = RefreshRules.refreshToken(current);
        if (!parts.store().markSent(claim, now())) {
            return RefreshResult.of(current, RefreshOutcome.FENCED);
        }
        sent = true;
        TokenResult result = TokenRefresher.send(parts, authConfig.get(), refreshToken);
        return commit(authConfig.get(), refreshToken, result, state == null ? 0 : state.failures());
    }

    /** After an unexpected error: give the lease back unless a request went out (recovery judges that). */
    void abandon() {
        if (!sent) {
            try {
                parts.store().release(claim);
            } catch (RuntimeException e) {
                LOG.debug("lease of credential {} not released; it lapses", claim.credentialId());
            }
        }
    }

    private boolean expiringAt(Credential credential, Instant now) {
        return credential.expiresAt() != null
                && !credential.expiresAt().isAfter(now.plus(parts.config().skew()));
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
        Optional<Credential> stored = completeWithRetry(decide);
        if (stored.isEmpty()) {
            LOG.warn("refresh of credential {} lost its lease before commit; its result was discarded",
                    claim.credentialId());
            return reread(RefreshOutcome.FENCED);
        }
        RefreshOutcome finalOutcome = superseded.get() ? RefreshOutcome.SHARED : outcome;
        parts.listener().committed(claim.connectionId(), trigger, finalOutcome);
        return RefreshResult.of(stored.get(), finalOutcome);
    }

    private Function<Credential, RefreshWrite> failureDecision(AuthConfig authConfig, String sentToken,
            Failure failure, int failures, Instant now, AtomicBoolean superseded) {
        RefreshDecisions decisions = parts.decisions();
        switch (failure.failureClass()) {
            case INVALID_GRANT:
                // Another refresher may have stored a newer token meanwhile: then this answer is about the old one.
                return current -> {
                    if (!sentToken.equals(RefreshRules.refreshToken(current))) {
                        superseded.set(true);
                        return null;
                    }
                    return decisions.invalidGrant(current, failure, now);
                };
            case INVALID_CLIENT:
                parts.authConfigs().blockRefresh(authConfig.authConfigId(), authConfig.version(), failure.reason());
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
        stored.ifPresent(c -> parts.listener().committed(c.connectionId(), trigger, RefreshOutcome.NOT_REFRESHABLE));
        return RefreshResult.of(stored.orElse(current), RefreshOutcome.NOT_REFRESHABLE);
    }

    private RefreshResult released(Credential current, RefreshOutcome outcome) {
        parts.store().release(claim);
        return RefreshResult.of(current, outcome);
    }

    private RefreshResult reread(RefreshOutcome outcome) {
        return RefreshResult.of(parts.credentials().findByCredentialId(claim.credentialId()).orElse(null), outcome);
    }

    private Instant now() {
        return parts.clock().instant();
    }
}
