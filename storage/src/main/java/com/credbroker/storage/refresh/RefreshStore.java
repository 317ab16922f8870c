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
 * marker, backoff, and the due scan. Thread-safe.
 *
 * <p><b>Time.</b> Every instant a caller passes is from its own clock, and record times (due, retry-after,
 * {@code updated_at}, the in-flight marker) are judged and stored in that clock. Leases are judged on the
 * store's <em>lease clock</em>: the caller's clock on the embedded single node, the <em>database's</em>
 * clock where several nodes share one database (PostgreSQL). There a lease is live while
 * {@code lease_until} is after the database's now, and a claim's {@code leaseUntil} argument only gives the
 * lease's length ({@code leaseUntil - now}), applied to the database's clock; so a node whose clock is off
 * neither takes a live lease nor keeps one the database considers lapsed. Below, "lapsed" and "live" mean
 * on the lease clock.
 *
 * <p>A connection is <em>refreshable</em> when: auth scheme OAUTH2, its payload has a refresh token
 * (the plain {@code has_refresh_token} column, kept by every write), not disabled, status ACTIVE or
 * EXPIRED after transient failures ({@code refresh_failures > 0}), its auth config exists and is not
 * blocked. It is <em>due</em> when also {@code expires_at <= dueBefore}, {@code retry_after} is null or
 * past ({@code <= now}), and it is free to claim: no lease, or a lapsed one ({@code lease_until <= now})
 * without the in-flight marker. A connection without {@code expires_at} is never due (the lease is judged
 * on the lease clock).
 *
 * <p><b>A lapsed lease with the in-flight marker is never claimed</b>, by {@link #claimDue} or by
 * {@link #claim}: its token request may have reached the provider, which may have rotated the refresh
 * token, so presenting that token again could get the grant revoked. Only recovery
 * ({@link #recoverAbandoned}, {@link #recoverLapsed}) touches such a row, and expires it.
 *
 * <p>A claim is identified by its epoch <em>and</em> owner: {@link #markSent}, {@link #complete} and
 * {@link #release} act only while both are still the row's, so a claim that was released, completed or
 * taken over cannot write again. Admin writes through the credential repository reset the failure count
 * and retry-after but never touch the lease or the epoch. Instants are stored with microsecond precision;
 * the {@code leaseUntil} of a returned claim is the stored value.
 */
public interface RefreshStore {

    /**
     * Claims up to {@code limit} due connections, earliest expiry first, in one transaction: each gets a
     * new epoch and the lease ({@code owner}, {@code leaseUntil}). Never hands one row to two claimers;
     * a claimer racing another one for the same rows may get fewer than {@code limit}, even none, while
     * more are due (the next call picks them up). Each claim carries a snapshot of its row.
     *
     * @throws IllegalArgumentException when {@code limit < 1}, the owner is blank or the lease does not
     *                                  end after {@code now}
     */
    List<RefreshClaim> claimDue(Instant now, Instant dueBefore, int limit, String owner, Instant leaseUntil);

    /**
     * Claims one connection whatever its expiry (read-time and forced refresh), if it is free to claim (no
     * live lease, no lapsed lease with the in-flight marker). Empty when another lease is live, a lapsed
     * lease awaits recovery ({@link #recoverLapsed}), or the row is gone. Does not check refreshability.
     */
    Optional<RefreshClaim> claim(String credentialId, Instant now, String owner, Instant leaseUntil);

    /**
     * Sets the in-flight marker ({@code now}) just before the token request is sent, if the epoch and owner
     * are still the claim's, the lease is still live and the record is still at the version of the claim's
     * snapshot. False means the lease was lost or lapsed, or the record changed: the request must not be
     * sent as it stands. Durable on return.
     *
     * @throws IllegalArgumentException when the claim carries no snapshot
     */
    boolean markSent(RefreshClaim claim, Instant now);

    /**
     * Stores {@code write} as the next version of the claim's snapshot, as {@link #complete} would, but
     * only if the claim still holds and the record is still at the snapshot's version; no row is read.
     * Empty when not (nothing is written): then use {@link #complete}. Durable on return.
     *
     * @throws IllegalArgumentException when the claim carries no snapshot
     */
    Optional<Credential> completeUnchanged(RefreshClaim claim, RefreshWrite write);

    /**
     * Finishes a refresh in one transaction: locks the row, checks the epoch (and owner), calls
     * {@code decide} with the current record (decrypted, as stored now) and stores what it returns
     * (version + 1, sealed under the active key term, {@code has_refresh_token} recomputed), the failure
     * count and retry-after; clears the lease and the in-flight marker. Returns the stored record, with
     * the stored credential ID, connection ID and created-at whatever {@code decide} put there. When
     * {@code decide} returns null only the lease and marker are cleared and the current record is
     * returned. Empty when the epoch moved, the claim was released or completed, or the row is gone
     * (then {@code decide} is not called and nothing is written).
     *
     * <p>{@code decide} runs while the row is locked: it must not wait on anything slow. If it throws,
     * or the current payload does not open ({@link com.credbroker.storage.crypto.DecryptionException}),
     * nothing is written and the lease stays until released or lapsed.
     */
    Optional<Credential> complete(RefreshClaim claim, Function<Credential, RefreshWrite> decide);

    /** Clears the lease (and marker) if the epoch and owner are still the claim's; nothing else changes. */
    void release(RefreshClaim claim);

    /**
     * Recovers leases whose owner is gone: those that lapsed before {@code now}, and, when
     * {@code foreignAreDead} (a single-node start: no other process can hold a lease), every lease not
     * held by {@code owner}. A lease with the in-flight marker set moves its connection to EXPIRED with
     * {@code reason} ({@code updated_at = now}, version + 1, failure count 0 and no retry-after, so it is
     * no longer refreshable); one without is just cleared, the record unchanged. Both bump the epoch.
     * One transaction; returns every connection touched, so callers can drop cached copies.
     */
    List<AbandonedRefresh> recoverAbandoned(Instant now, String owner, boolean foreignAreDead, String reason);

    /**
     * {@link #recoverAbandoned} for one connection: if its lease lapsed, expires it with {@code reason} (the
     * in-flight marker was set) or clears it, exactly as {@link #recoverAbandoned} does. For a refresher
     * whose claim was refused, so that a lapsed in-flight lease is recovered by whichever path finds it
     * first. Empty when the connection has no lapsed lease (none, a live one, or no such row).
     */
    Optional<AbandonedRefresh> recoverLapsed(String credentialId, Instant now, String reason);

    /**
     * True when someone holds a live lease on the connection (on the lease clock; {@code now} is the
     * caller's). False when there is no lease, it lapsed, or there is no such row.
     */
    boolean leaseHeld(String credentialId, Instant now);

    /**
     * The bookkeeping of one connection; empty when there is no such row. Whether its lease is live is
     * for {@link #leaseHeld} to say: {@link RefreshState#leased} judges on the caller's clock.
     */
    Optional<RefreshState> state(String credentialId);

    /** How many connections are due (as for {@link #claimDue}), for the backlog gauge. */
    long countDue(Instant now, Instant dueBefore);

    /** Connections by status (every status present, zero when none). */
    Map<CredentialStatus, Long> countByStatus();
}
