package com.credbroker.storage.refresh;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Refresh bookkeeping on the {@code credentials} table: leases with fencing epochs, the in-flight
 * marker, backoff, and the due scan. Thread-safe. All instants come from the caller's clock.
 *
 * <p>A connection is <em>refreshable</em> when: auth scheme OAUTH2, its payload has a refresh token
 * (the plain {@code has_refresh_token} column, kept by every write), not disabled, status ACTIVE or
 * EXPIRED after transient failures ({@code refresh_failures > 0}), its auth config exists and is not
 * blocked. It is <em>due</em> when also {@code expires_at <= dueBefore}, {@code retry_after} is null or
 * past, and no unexpired lease is held.
 */
public interface RefreshStore {

    /**
     * Claims up to {@code limit} due connections, earliest expiry first, in one transaction: each gets a
     * new epoch and the lease ({@code owner}, {@code leaseUntil}).
     */
    List<RefreshClaim> claimDue(Instant now, Instant dueBefore, int limit, String owner, Instant leaseUntil);

    /**
     * Claims one connection whatever its expiry (read-time and forced refresh), if no unexpired lease is
     * held. Empty when another lease is live or the row is gone. Does not check refreshability.
     */
    Optional<RefreshClaim> claim(String credentialId, Instant now, String owner, Instant leaseUntil);

    /**
     * Sets the in-flight marker just before the token request is sent, if the epoch is still the
     * claim's. False means the lease was lost: the request must not be sent.
     */
    boolean markSent(RefreshClaim claim, Instant now);

    /**
     * Finishes a refresh in one transaction: locks the row, checks the epoch, calls {@code decide} with
     * the current record (decrypted, as stored now) and stores what it returns (version + 1), the
     * failure count and retry-after; clears the lease and the in-flight marker. When {@code decide}
     * returns null only the lease and marker are cleared. Empty when the epoch moved or the row is gone
     * (then nothing is written).
     */
    Optional<Credential> complete(RefreshClaim claim, Function<Credential, RefreshWrite> decide);

    /** Clears the lease (and marker) if the epoch is still the claim's; nothing else changes. */
    void release(RefreshClaim claim);

    /**
     * Recovers leases whose owner is gone: those that lapsed before {@code now}, and, when
     * {@code foreignAreDead} (a single-node start: no other process can hold a lease), every lease not
     * held by {@code owner}. A lease with the in-flight marker set moves its connection to EXPIRED with
     * {@code reason} and no retry; one without is just cleared. Both bump the epoch.
     */
    List<AbandonedRefresh> recoverAbandoned(Instant now, String owner, boolean foreignAreDead, String reason);

    Optional<RefreshState> state(String credentialId);

    /** How many connections are due (as for {@link #claimDue}), for the backlog gauge. */
    long countDue(Instant now, Instant dueBefore);

    /** Connections by status (every status present, zero when none). */
    Map<CredentialStatus, Long> countByStatus();
}
