package com.credbroker.refresh.engine;

import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.TokenClient;
import com.credbroker.refresh.client.TokenRequestSpec;
import com.credbroker.refresh.client.TokenResult;
import com.credbroker.refresh.crashpoint.FaultHook;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.refresh.AbandonedRefresh;
import com.credbroker.storage.refresh.RefreshClaim;
import com.credbroker.storage.refresh.RefreshState;
import com.credbroker.storage.refresh.RefreshStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one refresh function behind all three triggers (scheduled, read-time, forced).
 *
 * <p>At most one refresh per connection is in flight: in this process through a single-flight (a caller
 * arriving while one runs gets its result), across processes through a database lease with a fencing
 * epoch. The order is: claim the lease; re-read the record; set the in-flight marker; call the
 * provider; commit the outcome in one transaction if the epoch is still ours. New tokens are committed
 * before any caller sees them. Thread-safe.
 */
public final class TokenRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefresher.class);

    private final RefreshParts parts;
    private final SingleFlight<String, RefreshResult> flights = new SingleFlight<>();
    private final Clock clock;
    private final Map<String, RefreshClaim> unreleasedClaims = new ConcurrentHashMap<>();

    TokenRefresher(RefreshParts parts) {
        this.parts = parts;
        this.clock = parts.clock();
    }

    /** Refreshes the connection now (or joins the refresh already under way) and returns the record after it. */
    public RefreshResult refresh(String credentialId, RefreshTrigger trigger) {
        return flights.run(credentialId, () -> attempt(credentialId, trigger));
    }

    /** True when the engine can refresh this record at all (OAuth2, refresh token, auth config, not disabled). */
    public boolean canRefresh(Credential credential) {
        return Refreshability.refreshable(credential);
    }

    /** Reserves a batch-claimed connection so lookups arriving before its turn wait for it; null if busy. */
    CompletableFuture<RefreshResult> reserve(RefreshClaim claim) {
        return flights.reserve(claim.credentialId());
    }

    /** Runs a connection the scan claimed (with its reservation, if it got one). */
    RefreshResult refreshClaimed(RefreshClaim claim, CompletableFuture<RefreshResult> reservation) {
        if (reservation == null) {
            return attemptClaimed(claim, RefreshTrigger.SCHEDULED);
        }
        return flights.runReserved(claim.credentialId(), reservation,
                () -> attemptClaimed(claim, RefreshTrigger.SCHEDULED));
    }

    /** Gives back a claim the scan made but will not run (shutdown), ending its reservation. */
    void cancelClaimed(RefreshClaim claim, CompletableFuture<RefreshResult> reservation) {
        Supplier<RefreshResult> giveBack = () -> {
            parts.store().release(claim);
            return RefreshResult.of(parts.credentials().findByCredentialId(claim.credentialId()).orElse(null),
                    RefreshOutcome.SHARED);
        };
        if (reservation == null) {
            giveBack.get();
        } else {
            flights.runReserved(claim.credentialId(), reservation, giveBack);
        }
    }

    private RefreshResult attempt(String credentialId, RefreshTrigger trigger) {
        releaseUnreleased(credentialId);
        Optional<Credential> found = parts.credentials().findByCredentialId(credentialId);
        if (found.isEmpty()) {
            return RefreshResult.of(null, RefreshOutcome.NOT_FOUND);
        }
        Credential credential = found.get();
        Instant now = clock.instant();
        RefreshState state = parts.store().state(credentialId).orElse(null);
        if (!Refreshability.refreshable(credential, state)) {
            return RefreshResult.of(credential, RefreshOutcome.NOT_REFRESHABLE);
        }
        if (heldBack(state, trigger, now)) {
            return new RefreshResult(credential, RefreshOutcome.BACKING_OFF, state.retryAfter(),
                    RefreshDecisions.hold(credential, state.failures()));
        }
        Optional<RefreshClaim> claim = parts.store().claim(credentialId, now, parts.owner(),
                now.plus(parts.config().lease()));
        if (claim.isEmpty()) {
            return notClaimed(credentialId, trigger);
        }
        return attemptClaimed(claim.get(), trigger);
    }

    /**
     * The claim was refused: another refresher holds a live lease (wait for its result), or a lapsed lease
     * still carries the in-flight marker of a refresher that died after sending. Such a lease is never
     * claimed (its refresh token may be rotated already): it is recovered here, the connection EXPIRED with
     * {@code refresh_interrupted}, and that record returned without a provider call, also when the lease
     * lapses while we wait.
     */
    private RefreshResult notClaimed(String credentialId, RefreshTrigger trigger) {
        Optional<RefreshResult> interrupted = recoverInterrupted(credentialId, trigger);
        if (interrupted.isPresent()) {
            return interrupted.get();
        }
        RefreshResult waited = new LeaseWait(parts).awaitRelease(credentialId);
        return recoverInterrupted(credentialId, trigger).orElse(waited);
    }

    private Optional<RefreshResult> recoverInterrupted(String credentialId, RefreshTrigger trigger) {
        Optional<AbandonedRefresh> recovered = parts.store().recoverLapsed(credentialId, clock.instant(),
                RefreshDecisions.INTERRUPTED);
        if (recovered.isEmpty() || !recovered.get().interrupted()) {
            return Optional.empty();
        }
        LOG.warn("credential {} was being refreshed when its refresher stopped; marked EXPIRED (refresh_interrupted)",
                credentialId);
        parts.listener().committed(recovered.get().connectionId(), trigger, RefreshOutcome.NOT_REFRESHABLE);
        return Optional.of(RefreshResult.of(parts.credentials().findByCredentialId(credentialId).orElse(null),
                RefreshOutcome.NOT_REFRESHABLE));
    }

    /**
     * Whether a pending retry-after keeps this refresh from being sent. After a failure it holds every trigger.
     * After a success it is only the schedule's pause for a token that lives shorter than the window ("not due
     * yet"): it holds the scan and read-time refreshes, never a forced one, which the provider would answer.
     */
    private static boolean heldBack(RefreshState state, RefreshTrigger trigger, Instant now) {
        if (state == null || state.retryAfter() == null || !state.retryAfter().isAfter(now)) {
            return false;
        }
        return state.failures() > 0 || trigger != RefreshTrigger.FORCED;
    }

    private RefreshResult attemptClaimed(RefreshClaim claim, RefreshTrigger trigger) {
        long started = System.nanoTime();
        RefreshAttempt attempt = new RefreshAttempt(parts, claim, trigger);
        RefreshResult result;
        try {
            result = attempt.run();
        } catch (DecryptionException e) {
            // Tampered, moved or under an unknown key: this one connection is skipped, the scan goes on. Its
            // lease is kept until it lapses, so the scan does not claim the unreadable row again at once.
            LOG.error("stored payload of credential {} failed to decrypt (tampered, moved or wrong key); not refreshed",
                    claim.credentialId());
            parts.metrics().unreadable();
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("refresh of credential {} failed inside the broker: {}", claim.credentialId(),
                    e.getClass().getSimpleName());
            RefreshClaim unreleased = attempt.abandon();
            if (unreleased != null) {
                unreleasedClaims.put(unreleased.credentialId(), unreleased);
            }
            throw e;
        }
        parts.metrics().outcome(result.outcome(), trigger, claim.authConfigId(),
                java.time.Duration.ofNanos(System.nanoTime() - started));
        return result;
    }

    /**
     * Gives back a lease an earlier attempt of this process could not release (the database was away when
     * it failed). Runs inside the connection's single-flight, so no attempt of this process holds it now; the
     * release acts only if the claim's epoch is still the row's.
     */
    private void releaseUnreleased(String credentialId) {
        RefreshClaim unreleased = unreleasedClaims.remove(credentialId);
        if (unreleased != null) {
            try {
                parts.store().release(unreleased);
            } catch (RuntimeException stillAway) {
                unreleasedClaims.put(credentialId, unreleased);
                throw stillAway;
            }
        }
    }

    /**
     * Forwards a token request (kept here so the attempt stays a plain sequence of steps).
     *
     * @param redirectUri the {@code redirect_uri} the connection's code exchange used, or null
     */
    static TokenResult send(RefreshParts parts, ResolvedProvider provider, String refreshToken,
            java.net.URI redirectUri) {
        return parts.client().refresh(new TokenRequestSpec(provider, refreshToken, redirectUri));
    }

    /** The parts a refresher is made of; built once by {@link RefreshEngine}. */
    record RefreshParts(
            RefreshConfig config,
            Clock clock,
            CredentialRepository credentials,
            RefreshStore store,
            AuthConfigCache authConfigs,
            TokenClient client,
            ProviderResolver providers,
            RefreshDecisions decisions,
            RefreshListener listener,
            RefreshMetrics metrics,
            FaultHook faults,
            String owner) {
    }
}
