package com.credbroker.storage.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Named.named;

import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.testing.TestCrypto;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The due scan, the lease and the refresh-token flag of every {@link RefreshStore}. Subclasses supply
 * the database; completion and recovery are in {@link RefreshCompletionContract}.
 */
abstract class RefreshStoreContract extends RefreshStoreFixture {

    /** Sets up one row the due scan must skip. */
    @FunctionalInterface
    interface Arrange {
        void on(RefreshStoreFixture test) throws Exception;
    }

    static Stream<Named<Arrange>> rowsThatAreNotDue() {
        return Stream.of(
                named("not OAUTH2", t -> t.stored(t.due().authScheme(AuthScheme.API_KEY))),
                named("no refresh token", t -> t.stored(t.due().refreshToken(null))),
                named("blank refresh token", t -> t.stored(t.due().refreshToken("  "))),
                named("disabled", t -> t.stored(t.due().disabled(true))),
                named("INITIATED", t -> t.stored(t.due().status(CredentialStatus.INITIATED))),
                named("EXPIRED without failures", t -> t.stored(t.due().status(CredentialStatus.EXPIRED))),
                named("auth config missing", t -> t.stored(t.due().authConfigId("ac_missing"))),
                named("no auth config", t -> t.stored(t.due().authConfigId(null))),
                named("auth config blocked", t -> t.stored(t.due().authConfigId(BLOCKED_CONFIG))),
                named("expires after the window", t -> t.stored(t.due().expiresAt(t.dueBefore().plusMillis(1)))),
                named("no expiry", t -> t.stored(t.due().expiresAt(null))),
                named("retry after in the future",
                        t -> t.rows.set(t.stored(t.due()), "retry_after = ?", t.now().plusMillis(1))),
                named("leased, lease unexpired", t -> t.claim(t.stored(t.due()), OTHER)),
                named("refresh token flag unknown",
                        t -> t.rows.set(t.stored(t.due()), "has_refresh_token = NULL")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowsThatAreNotDue")
    void dueScanSkipsARowThatIs(Arrange arrange) throws Exception {
        String control = stored(due());
        arrange.on(this);

        assertThat(store.countDue(now(), dueBefore())).isEqualTo(1);
        assertThat(claimDue(10, OWNER)).extracting(RefreshClaim::credentialId).containsExactly(control);
    }

    @Test
    void dueScanIncludesExpiredAfterTransientFailuresAndPastRetryAfter() throws Exception {
        String expired = stored(due().status(CredentialStatus.EXPIRED));
        rows.set(expired, "refresh_failures = 2, retry_after = ?", now());
        String backingOff = stored(due());
        rows.set(backingOff, "refresh_failures = 1, retry_after = ?", now().minusSeconds(1));
        String atWindowEdge = stored(due().expiresAt(dueBefore()));

        assertThat(store.countDue(now(), dueBefore())).isEqualTo(3);
        assertThat(claimDue(10, OWNER)).extracting(RefreshClaim::credentialId)
                .containsExactlyInAnyOrder(expired, backingOff, atWindowEdge);
    }

    @Test
    void claimDueTakesEarliestExpiryFirstUpToTheLimitWithNewEpochs() throws Exception {
        String later = stored(due().expiresAt(now().plusSeconds(300)));
        String earliest = stored(due().expiresAt(now().minusSeconds(60)));
        String middle = stored(due().expiresAt(now().plusSeconds(10)));

        Instant before = leaseClockNow();
        List<RefreshClaim> claims = claimDue(2, OWNER);
        Instant after = leaseClockNow();

        assertThat(claims).extracting(RefreshClaim::credentialId).containsExactly(earliest, middle);
        RefreshClaim first = claims.get(0);
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(first.owner()).isEqualTo(OWNER);
        assertThat(first.leaseUntil()).isBetween(before.plus(LEASE), after.plus(LEASE));
        assertThat(first.authConfigId()).isEqualTo(LIVE_CONFIG);
        assertThat(first.connectionId()).isEqualTo(credentials.findByCredentialId(earliest).orElseThrow().connectionId());
        assertThat(state(earliest)).isEqualTo(new RefreshState(OWNER, first.leaseUntil(), 1, null, 0, null));
        assertThat(claimDue(10, OTHER)).extracting(RefreshClaim::credentialId).containsExactly(later);
        assertThat(claimDue(10, OTHER)).isEmpty();
    }

    @Test
    void aLapsedLeaseIsClaimableAgainWithAHigherEpoch() throws Exception {
        String id = stored(due());
        RefreshClaim first = claimDue(1, OWNER).get(0);
        assertThat(claimDue(1, OTHER)).isEmpty();

        passTime(LEASE);
        List<RefreshClaim> again = claimDue(1, OTHER);

        assertThat(again).singleElement().satisfies(claim -> {
            assertThat(claim.credentialId()).isEqualTo(id);
            assertThat(claim.epoch()).isEqualTo(first.epoch() + 1);
            assertThat(claim.owner()).isEqualTo(OTHER);
        });
    }

    /** A second node's claim of one connection; returns the credential IDs it took. */
    @FunctionalInterface
    interface SecondClaim {
        List<String> take(RefreshStoreFixture test, String credentialId) throws Exception;
    }

    static Stream<Named<SecondClaim>> secondClaims() {
        return Stream.of(
                named("batch claim (scheduled scan)", (t, id) -> t.claimDue(10, OTHER).stream()
                        .map(RefreshClaim::credentialId).toList()),
                named("single claim (read-time and forced refresh)", (t, id) -> t.store.claim(id, t.now(), OTHER,
                        t.now().plus(LEASE)).stream().map(RefreshClaim::credentialId).toList()));
    }

    /**
     * Issue 14 item 8: node A claims, marks its request sent, and dies; its lease lapses. Node B's claim runs
     * before anyone recovers the abandoned lease: it must not take the row (its refresh token may already be
     * rotated at the provider, so sending it again would get the grant revoked); recovery then expires it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("secondClaims")
    void aLapsedLeaseWithTheInFlightMarkerIsNeverClaimedAgainOnlyRecovered(SecondClaim second) throws Exception {
        String inFlight = stored(due().expiresAt(now()));
        String idle = stored(due());
        RefreshClaim a = claimDue(1, OWNER).get(0);
        assertThat(a.credentialId()).isEqualTo(inFlight);
        assertThat(store.markSent(a, now())).isTrue();
        Instant sentAt = now();
        passTime(LEASE);

        List<String> taken = second.take(this, inFlight);

        assertThat(taken).as("B's claim before recovery").doesNotContain(inFlight);
        RefreshState untouched = state(inFlight);
        assertThat(untouched.epoch()).isEqualTo(a.epoch());
        assertThat(untouched.leaseOwner()).isEqualTo(OWNER);
        assertThat(untouched.sentAt()).isEqualTo(sentAt);
        assertThat(store.claim(inFlight, now(), OTHER, now().plus(LEASE))).isEmpty();
        assertThat(claimDue(10, OTHER)).extracting(RefreshClaim::credentialId).doesNotContain(inFlight);
        assertThat(store.countDue(now(), dueBefore())).isZero();

        assertThat(store.recoverAbandoned(now(), OTHER, false, "refresh_interrupted: test"))
                .extracting(AbandonedRefresh::credentialId, AbandonedRefresh::interrupted)
                .containsExactly(tuple(inFlight, true));
        Credential after = credentials.findByCredentialId(inFlight).orElseThrow();
        assertThat(after.status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(after.statusReason()).isEqualTo("refresh_interrupted: test");
        assertThat(state(idle).leaseOwner()).isEqualTo(OTHER);
        assertThat(claimDue(10, OTHER)).isEmpty();
    }

    @Test
    void claimTakesOneConnectionWhateverItsExpiryUnlessLeased() throws Exception {
        String notDue = stored(due().expiresAt(now().plus(Duration.ofDays(1))).disabled(true));

        RefreshClaim claim = claim(notDue, OWNER);
        assertThat(claim.epoch()).isEqualTo(1);
        assertThat(claim.authConfigId()).isEqualTo(LIVE_CONFIG);
        assertThat(store.claim(notDue, now(), OTHER, now().plus(LEASE))).isEmpty();
        assertThat(store.claim("cred_unknown", now(), OWNER, now().plus(LEASE))).isEmpty();
        assertThat(store.state("cred_unknown")).isEmpty();

        passTime(LEASE.plusSeconds(1));
        assertThat(claim(notDue, OTHER).epoch()).isEqualTo(2);
    }

    @Test
    void concurrentBatchClaimsTakeEveryRowExactlyOnce() throws Exception {
        int total = 300;
        for (int i = 0; i < total; i++) {
            stored(due().expiresAt(now().minusSeconds(i % 7)));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<RefreshClaim>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String owner = "node-" + t;
            results.add(pool.submit(() -> {
                start.await();
                List<RefreshClaim> mine = new ArrayList<>();
                List<RefreshClaim> batch;
                while (!(batch = claimDue(16, owner)).isEmpty()) {
                    mine.addAll(batch);
                }
                return mine;
            }));
        }
        start.countDown();
        List<String> claimed = new ArrayList<>();
        for (Future<List<RefreshClaim>> result : results) {
            result.get().forEach(claim -> claimed.add(claim.credentialId()));
        }
        pool.shutdown();

        assertThat(claimed).hasSize(total).doesNotHaveDuplicates();
        assertThat(store.countDue(now(), dueBefore())).isZero();
    }

    @Test
    void claimsCarryTheRowAsReadWithItsFailuresAndAuthConfigVersion() throws Exception {
        Credential record = credentials.upsert(due().build()).credential();
        rows.set(record.credentialId(), "refresh_failures = 2");
        String configless = stored(due().authConfigId(null).expiresAt(now().plus(Duration.ofDays(1))));

        RefreshClaim batch = claimDue(10, OWNER).get(0);
        RefreshClaim single = claim(configless, OWNER);

        assertThat(batch.snapshot()).isEqualTo(new ClaimSnapshot(record, 2, 1));
        assertThat(single.snapshot().credential()).isEqualTo(credentials.findByCredentialId(configless).orElseThrow());
        assertThat(single.snapshot().authConfigVersion()).isEqualTo(ClaimSnapshot.UNKNOWN_VERSION);
    }

    @Test
    void aRowWhosePayloadDoesNotOpenIsClaimedWithoutASnapshotAndTheBatchGoesOn() throws Exception {
        String broken = stored(due().expiresAt(now()));
        String fine = stored(due());
        rows.movePayload(fine, broken);
        String other = stored(due());

        assertThat(claimDue(10, OWNER)).extracting(RefreshClaim::credentialId, c -> c.snapshot() == null)
                .containsExactlyInAnyOrder(tuple(broken, true), tuple(fine, false), tuple(other, false));
    }

    @Test
    void markSentIsRefusedOnceAnAdminWriteChangedTheRecordSinceTheSnapshot() {
        Credential stored = credentials.upsert(due().build()).credential();
        RefreshClaim claim = claim(stored.credentialId(), OWNER);
        Credential updated = credentials.updateIfVersion(withSecretsOf(stored, due())).orElseThrow();

        assertThat(store.markSent(claim, now())).isFalse();
        assertThat(state(stored.credentialId()).sentAt()).isNull();
        assertThat(state(stored.credentialId()).leaseOwner()).isEqualTo(OWNER);
        RefreshClaim reread = claim.withSnapshot(new ClaimSnapshot(updated, 0, 1));
        assertThat(store.markSent(reread, now())).isTrue();
        assertThat(state(stored.credentialId()).sentAt()).isEqualTo(now());
    }

    @Test
    void markSentIsRefusedOnceAnotherClaimMovedTheEpoch() throws Exception {
        String id = stored(due());
        RefreshClaim stale = claim(id, OWNER);
        passTime(LEASE);
        RefreshClaim current = claim(id, OTHER);

        assertThat(store.markSent(stale, now())).isFalse();
        assertThat(state(id).sentAt()).isNull();
        assertThat(store.markSent(current, now())).isTrue();
        assertThat(state(id).sentAt()).isEqualTo(now());
    }

    @Test
    void markSentIsRefusedOnceTheLeaseLapsedEvenIfNobodyTookIt() throws Exception {
        String id = stored(due());
        RefreshClaim claim = claim(id, OWNER);
        passTime(LEASE);

        assertThat(store.markSent(claim, now())).isFalse();
        assertThat(state(id).sentAt()).isNull();
        assertThat(state(id).epoch()).isEqualTo(claim.epoch());
    }

    @Test
    void leaseHeldIsTrueOnlyWhileALiveLeaseIsHeld() throws Exception {
        String id = stored(due());
        assertThat(store.leaseHeld(id, now())).isFalse();
        claim(id, OWNER);
        assertThat(store.leaseHeld(id, now())).isTrue();
        passTime(LEASE);
        assertThat(store.leaseHeld(id, now())).isFalse();
        store.release(claim(id, OTHER));
        assertThat(store.leaseHeld(id, now())).isFalse();
        assertThat(store.leaseHeld("cred_unknown", now())).isFalse();
    }

    @Test
    void releaseClearsLeaseAndMarkerKeepsEpochAndIgnoresAStaleClaim() throws Exception {
        String id = stored(due());
        RefreshClaim stale = claim(id, OWNER);
        passTime(LEASE);
        RefreshClaim current = claim(id, OTHER);
        store.markSent(current, now());

        store.release(stale);
        assertThat(state(id).leaseOwner()).isEqualTo(OTHER);

        store.release(current);
        assertThat(state(id)).isEqualTo(new RefreshState(null, null, current.epoch(), null, 0, null));
        assertThat(store.markSent(current, now())).isFalse();
        assertThat(claimDue(1, OWNER)).hasSize(1);
    }

    @Test
    void countByStatusNamesEveryStatus() {
        stored(due());
        stored(due());
        stored(due().status(CredentialStatus.EXPIRED));

        assertThat(store.countByStatus()).isEqualTo(Map.of(
                CredentialStatus.ACTIVE, 2L, CredentialStatus.EXPIRED, 1L, CredentialStatus.INITIATED, 0L));
    }

    @Test
    void writesKeepTheRefreshTokenFlag() throws Exception {
        Credential oauth = credentials.upsert(due().build()).credential();
        String withoutToken = stored(due().refreshToken(null));
        String blank = stored(due().refreshToken(""));
        String apiKey = stored(due().authScheme(AuthScheme.API_KEY));
        assertThat(rows.hasRefreshToken(oauth.credentialId())).isTrue();
        assertThat(rows.hasRefreshToken(withoutToken)).isFalse();
        assertThat(rows.hasRefreshToken(blank)).isFalse();
        assertThat(rows.hasRefreshToken(apiKey)).isFalse();

        Credential dropped = credentials.updateIfVersion(withSecretsOf(oauth, due().refreshToken(null))).orElseThrow();
        assertThat(rows.hasRefreshToken(oauth.credentialId())).isFalse();
        credentials.updateIfVersion(withSecretsOf(dropped, due())).orElseThrow();
        assertThat(rows.hasRefreshToken(oauth.credentialId())).isTrue();

        credentials.upsert(due().connectionId(oauth.connectionId()).refreshToken(null).build());
        assertThat(rows.hasRefreshToken(oauth.credentialId())).isFalse();
    }

    @Test
    void adminWritesResetBackoffButNeverTheLease() throws Exception {
        Credential stored = credentials.upsert(due().build()).credential();
        RefreshClaim claim = claim(stored.credentialId(), OWNER);
        store.markSent(claim, now());
        rows.set(stored.credentialId(), "refresh_failures = 3, retry_after = ?", now().plusSeconds(600));

        Credential updated = credentials.updateIfVersion(withSecretsOf(stored, due())).orElseThrow();
        assertThat(state(stored.credentialId()))
                .isEqualTo(new RefreshState(OWNER, claim.leaseUntil(), claim.epoch(), now(), 0, null));

        rows.set(stored.credentialId(), "refresh_failures = 3, retry_after = ?", now().plusSeconds(600));
        credentials.upsert(due().connectionId(updated.connectionId()).build());
        assertThat(state(stored.credentialId()))
                .isEqualTo(new RefreshState(OWNER, claim.leaseUntil(), claim.epoch(), now(), 0, null));
    }

    @Test
    void rewrapLeavesBookkeepingAlone() throws Exception {
        String id = stored(due());
        RefreshClaim claim = claim(id, OWNER);
        rows.set(id, "refresh_failures = 2, retry_after = ?", now().plusSeconds(5));
        RefreshState before = state(id);
        cryptographer.install(cryptographer.keyring().withNewTerm(TestCrypto.randomKey()));

        assertThat(credentials.rewrapBatch(cryptographer, 10)).isEqualTo(1);

        assertThat(state(id)).isEqualTo(before);
        assertThat(rows.hasRefreshToken(id)).isTrue();
        assertThat(store.markSent(claim, now())).isTrue();
    }

    @Test
    void backfillSetsUnknownFlagsAndSkipsPayloadsThatDoNotOpen() throws Exception {
        String withToken = stored(due());
        String withoutToken = stored(due().refreshToken(null));
        String apiKey = stored(due().authScheme(AuthScheme.API_KEY));
        String broken = stored(due());
        String known = stored(due());
        rows.movePayload(withToken, broken);
        rows.execute("UPDATE credentials SET has_refresh_token = NULL WHERE credential_id <> ?", known);
        assertThat(store.countDue(now(), dueBefore())).isEqualTo(1);

        assertThat(new RefreshTokenBackfill(database.dataSource(), cryptographer, 1).run()).isEqualTo(3);

        assertThat(rows.hasRefreshToken(withToken)).isTrue();
        assertThat(rows.hasRefreshToken(withoutToken)).isFalse();
        assertThat(rows.hasRefreshToken(apiKey)).isFalse();
        assertThat(rows.hasRefreshToken(broken)).isNull();
        assertThat(store.countDue(now(), dueBefore())).isEqualTo(2);
        assertThat(store.backfillRefreshTokenFlags()).isZero();
    }
}
