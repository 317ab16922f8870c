package com.credbroker.storage.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.InvalidCredentialException;
import com.credbroker.storage.testing.TestCrypto;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Completion, release and recovery of abandoned leases of every {@link RefreshStore}. Subclasses supply
 * the database.
 */
abstract class RefreshCompletionContract extends RefreshStoreFixture {
    static final String INTERRUPTED = "refresh interrupted: the provider may have rotated the refresh token";

    /** The refreshed record a provider response would give: new access token, no refresh token. */
    Credential refreshed(Credential current) {
        CredentialSecrets secrets = new CredentialSecrets(Map.of("access_token", "gho_new", "token_type", "bearer"),
                null, null, null, null, false, null, null, null, null, null, null);
        return current.toBuilder().credentialId("cred_ignored").connectionId("conn_ignored")
                .status(CredentialStatus.ACTIVE).expiresAt(now().plus(Duration.ofHours(1))).createdAt(Instant.EPOCH)
                .updatedAt(now()).statusReason(null).version(99).secrets(secrets).build();
    }

    @Test
    void completeStoresTheDecisionAsTheNextVersionUnderTheActiveTerm() throws Exception {
        Credential before = credentials.upsert(due().build()).credential();
        RefreshClaim claim = claim(before.credentialId(), OWNER);
        assertThat(store.markSent(claim, now())).isTrue();
        cryptographer.install(cryptographer.keyring().withNewTerm(TestCrypto.randomKey()));
        AtomicReference<Credential> seen = new AtomicReference<>();

        Credential stored = store.complete(claim, current -> {
            seen.set(current);
            return new RefreshWrite(refreshed(current), 0, null);
        }).orElseThrow();

        assertThat(seen.get()).isEqualTo(before);
        assertThat(stored.version()).isEqualTo(before.version() + 1);
        assertThat(stored.credentialId()).isEqualTo(before.credentialId());
        assertThat(stored.connectionId()).isEqualTo(before.connectionId());
        assertThat(stored.createdAt()).isEqualTo(before.createdAt());
        assertThat(stored.secrets().credentials()).containsEntry("access_token", "gho_new");
        assertThat(credentials.findByCredentialId(before.credentialId())).contains(stored);
        assertThat(rows.column(before.credentialId(), "key_term")).isEqualTo(2);
        assertThat(rows.hasRefreshToken(before.credentialId())).isFalse();
        assertThat(state(before.credentialId())).isEqualTo(new RefreshState(null, null, claim.epoch(), null, 0, null));
    }

    @Test
    void completeUnchangedStoresTheWriteAsTheNextVersionOfTheSnapshot() throws Exception {
        Credential before = credentials.upsert(due().build()).credential();
        RefreshClaim claim = claim(before.credentialId(), OWNER);
        assertThat(store.markSent(claim, now())).isTrue();
        Instant retryAfter = now().plusSeconds(30);

        Credential stored = store.completeUnchanged(claim,
                new RefreshWrite(refreshed(claim.snapshot().credential()), 1, retryAfter)).orElseThrow();

        assertThat(stored.version()).isEqualTo(before.version() + 1);
        assertThat(stored.credentialId()).isEqualTo(before.credentialId());
        assertThat(stored.createdAt()).isEqualTo(before.createdAt());
        assertThat(credentials.findByCredentialId(before.credentialId())).contains(stored);
        assertThat(rows.hasRefreshToken(before.credentialId())).isFalse();
        assertThat(state(before.credentialId()))
                .isEqualTo(new RefreshState(null, null, claim.epoch(), null, 1, retryAfter));
        assertThat(store.completeUnchanged(claim, new RefreshWrite(stored, 0, null))).isEmpty();
    }

    @Test
    void completeUnchangedWritesNothingAfterAnAdminWriteOrOnceTheEpochMoved() throws Exception {
        Credential before = credentials.upsert(due().build()).credential();
        RefreshClaim claim = claim(before.credentialId(), OWNER);
        Credential updated = credentials.updateIfVersion(withSecretsOf(before, due())).orElseThrow();

        assertThat(store.completeUnchanged(claim, new RefreshWrite(refreshed(before), 0, null))).isEmpty();
        assertThat(credentials.findByCredentialId(before.credentialId())).contains(updated);
        assertThat(state(before.credentialId()).leaseOwner()).isEqualTo(OWNER);

        passTime(LEASE);
        RefreshClaim taken = claim(before.credentialId(), OTHER);
        RefreshClaim stale = claim.withSnapshot(taken.snapshot());
        assertThat(store.completeUnchanged(stale, new RefreshWrite(refreshed(updated), 0, null))).isEmpty();
        assertThat(credentials.findByCredentialId(before.credentialId())).contains(updated);
    }

    @Test
    void completeStoresFailuresAndRetryAfter() throws Exception {
        String id = stored(due());
        RefreshClaim claim = claim(id, OWNER);
        Instant retryAfter = now().plusSeconds(30);

        Credential stored = store.complete(claim, current -> new RefreshWrite(current, 2, retryAfter)).orElseThrow();

        assertThat(state(id)).isEqualTo(new RefreshState(null, null, claim.epoch(), null, 2, retryAfter));
        assertThat(rows.hasRefreshToken(id)).isTrue();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(store.countDue(now(), dueBefore())).isZero();
        passTime(Duration.ofSeconds(30));
        assertThat(claimDue(10, OTHER)).extracting(RefreshClaim::credentialId).containsExactly(id);
    }

    @Test
    void completeRefusesAStaleEpochAndWritesNothing() throws Exception {
        Credential before = credentials.upsert(due().build()).credential();
        RefreshClaim stale = claim(before.credentialId(), OWNER);
        passTime(LEASE);
        RefreshClaim current = claim(before.credentialId(), OTHER);

        assertThat(store.complete(stale, c -> {
            throw new AssertionError("decide must not be called for a stale claim");
        })).isEmpty();

        assertThat(credentials.findByCredentialId(before.credentialId())).contains(before);
        assertThat(state(before.credentialId()).leaseOwner()).isEqualTo(OTHER);
        assertThat(state(before.credentialId()).epoch()).isEqualTo(current.epoch());
    }

    @Test
    void aClaimCompletesAtMostOnceAndNotAfterRelease() throws Exception {
        String id = stored(due());
        RefreshClaim claim = claim(id, OWNER);
        assertThat(store.complete(claim, c -> new RefreshWrite(refreshed(c), 0, null))).isPresent();
        assertThat(store.complete(claim, c -> new RefreshWrite(refreshed(c), 0, null))).isEmpty();

        passTime(Duration.ofSeconds(1));
        RefreshClaim released = claim(id, OWNER);
        store.release(released);
        assertThat(store.complete(released, c -> null)).isEmpty();
        assertThat(credentials.findByCredentialId(id).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void completeWithoutADecisionClearsOnlyLeaseAndMarker() throws Exception {
        Credential before = credentials.upsert(due().build()).credential();
        rows.set(before.credentialId(), "refresh_failures = 1");
        RefreshClaim claim = claim(before.credentialId(), OWNER);
        store.markSent(claim, now());

        assertThat(store.complete(claim, current -> null)).contains(before);

        assertThat(credentials.findByCredentialId(before.credentialId())).contains(before);
        assertThat(state(before.credentialId())).isEqualTo(new RefreshState(null, null, claim.epoch(), null, 1, null));
    }

    @Test
    void aRefreshWriteThatBreaksADomainRuleIsRefusedAndWritesNothing() throws Exception {
        Credential before = credentials.upsert(due().build()).credential();
        RefreshClaim claim = claim(before.credentialId(), OWNER);
        CredentialSecrets noAccessToken = new CredentialSecrets(Map.of("refresh_token", "r-1"), null, null, null, null,
                false, null, null, null, null, null, null);

        assertThatThrownBy(() -> store.complete(claim, c -> new RefreshWrite(c.toBuilder().secrets(noAccessToken)
                .unchecked(), 0, null)))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessage("an ACTIVE OAUTH2 connection needs credentials.access_token");

        assertThat(credentials.findByCredentialId(before.credentialId())).contains(before);
    }

    @Test
    void completeOfADeletedRowIsEmpty() {
        String id = stored(due());
        RefreshClaim claim = claim(id, OWNER);
        credentials.delete(id);

        assertThat(store.complete(claim, c -> new RefreshWrite(c, 0, null))).isEmpty();
    }

    @Test
    void aLapsedLeaseWithTheMarkerExpiresTheConnectionForGood() throws Exception {
        Credential before = credentials.upsert(due().build()).credential();
        rows.set(before.credentialId(), "refresh_failures = 2, retry_after = ?", now());
        RefreshClaim claim = claim(before.credentialId(), OWNER);
        store.markSent(claim, now());
        passTime(LEASE);

        assertThat(store.recoverAbandoned(now(), OWNER, false, INTERRUPTED))
                .containsExactly(new AbandonedRefresh(before.credentialId(), before.connectionId(), true));

        Credential after = credentials.findByCredentialId(before.credentialId()).orElseThrow();
        assertThat(after.status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(after.statusReason()).isEqualTo(INTERRUPTED);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.updatedAt()).isEqualTo(now());
        assertThat(after.secrets()).isEqualTo(before.secrets());
        assertThat(state(before.credentialId())).isEqualTo(new RefreshState(null, null, claim.epoch() + 1, null, 0, null));
        assertThat(store.countDue(now(), dueBefore())).isZero();
        assertThat(store.complete(claim, c -> new RefreshWrite(c, 0, null))).isEmpty();
        assertThat(store.countByStatus()).containsEntry(CredentialStatus.EXPIRED, 1L);
    }

    @Test
    void aLapsedLeaseWithoutTheMarkerIsJustCleared() throws Exception {
        Credential before = credentials.upsert(due().build()).credential();
        RefreshClaim claim = claim(before.credentialId(), OWNER);
        passTime(LEASE.plusSeconds(1));

        assertThat(store.recoverAbandoned(now(), OTHER, false, INTERRUPTED))
                .containsExactly(new AbandonedRefresh(before.credentialId(), before.connectionId(), false));

        assertThat(credentials.findByCredentialId(before.credentialId())).contains(before);
        assertThat(store.markSent(claim, now())).isFalse();
        assertThat(claimDue(1, OTHER)).singleElement()
                .satisfies(again -> assertThat(again.epoch()).isEqualTo(claim.epoch() + 2));
        assertThat(store.recoverAbandoned(now(), OTHER, false, INTERRUPTED)).isEmpty();
    }

    @Test
    void recoverLapsedRecoversOneConnectionOnlyOnceItsLeaseLapsed() throws Exception {
        Credential inFlight = credentials.upsert(due().build()).credential();
        String idle = stored(due());
        String other = stored(due());
        RefreshClaim sent = claim(inFlight.credentialId(), OWNER);
        store.markSent(sent, now());
        RefreshClaim idleClaim = claim(idle, OWNER);
        store.markSent(claim(other, OWNER), now());
        assertThat(store.recoverLapsed(inFlight.credentialId(), now(), INTERRUPTED)).isEmpty();
        passTime(LEASE);

        assertThat(store.recoverLapsed(inFlight.credentialId(), now(), INTERRUPTED))
                .contains(new AbandonedRefresh(inFlight.credentialId(), inFlight.connectionId(), true));
        assertThat(store.recoverLapsed(inFlight.credentialId(), now(), INTERRUPTED)).isEmpty();
        assertThat(store.recoverLapsed(idle, now(), INTERRUPTED)).hasValueSatisfying(r -> assertThat(r.interrupted())
                .isFalse());
        assertThat(store.recoverLapsed("cred_unknown", now(), INTERRUPTED)).isEmpty();

        Credential after = credentials.findByCredentialId(inFlight.credentialId()).orElseThrow();
        assertThat(after.status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(after.statusReason()).isEqualTo(INTERRUPTED);
        assertThat(state(inFlight.credentialId())).isEqualTo(new RefreshState(null, null, sent.epoch() + 1, null, 0, null));
        assertThat(state(idle)).isEqualTo(new RefreshState(null, null, idleClaim.epoch() + 1, null, 0, null));
        assertThat(state(other).sentAt()).as("another connection's lapsed lease is left to its own recovery")
                .isNotNull();
    }

    @Test
    void unexpiredLeasesAreRecoveredOnlyWhenForeignOwnersAreDeadAndNeverTheOwnersOwn() {
        String mine = stored(due());
        String foreignSent = stored(due());
        String foreignIdle = stored(due());
        RefreshClaim own = claim(mine, OWNER);
        store.markSent(own, now());
        store.markSent(claim(foreignSent, OTHER), now());
        claim(foreignIdle, OTHER);

        assertThat(store.recoverAbandoned(now(), OWNER, false, INTERRUPTED)).isEmpty();
        assertThat(store.recoverAbandoned(now(), OWNER, true, INTERRUPTED))
                .extracting(AbandonedRefresh::credentialId, AbandonedRefresh::interrupted)
                .containsExactlyInAnyOrder(
                        tuple(foreignSent, true),
                        tuple(foreignIdle, false));

        assertThat(state(mine)).isEqualTo(new RefreshState(OWNER, own.leaseUntil(), own.epoch(), now(), 0, null));
        assertThat(credentials.findByCredentialId(foreignSent).orElseThrow().status())
                .isEqualTo(CredentialStatus.EXPIRED);
        assertThat(claimDue(10, OWNER)).extracting(RefreshClaim::credentialId).containsExactly(foreignIdle);
    }
}
