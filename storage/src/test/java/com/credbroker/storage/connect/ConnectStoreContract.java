package com.credbroker.storage.connect;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.testing.DatabaseContract;
import com.credbroker.storage.testing.TestCrypto;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviours every {@link ConnectStore} must have. Subclasses supply the database (null for the fake). */
abstract class ConnectStoreContract extends DatabaseContract {
    private static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    protected CredentialRepository credentials;
    protected ConnectStore store;
    private int sequence;

    @BeforeEach
    void open() throws Exception {
        openStores();
    }

    /** Called after {@link #openDatabase()}: sets {@link #credentials} and {@link #store}. */
    protected void openStores() {
        credentials = new JdbcCredentialRepository(database.dataSource(), TestCrypto.cryptographer());
        store = new JdbcConnectStore(database.dataSource());
    }

    private Credential initiated() {
        return credentials.upsert(aCredential().status(CredentialStatus.INITIATED).expiresAt(null).createdAt(T0)
                .updatedAt(T0).build()).credential();
    }

    private PendingAuthorization started(Credential credential) {
        String hash = String.format("%064x", ++sequence);
        PendingAuthorization pending = new PendingAuthorization(hash, credential.credentialId(),
                "http://localhost:8080/v1/personal-connectors/oauth/callback", T0, T0.plus(TIMEOUT), null);
        store.saveAuthorization(pending);
        return pending;
    }

    @Test
    void aStateIsClaimedOnceThenReportedAsReused() {
        PendingAuthorization pending = started(initiated());

        StateClaim first = store.consume(pending.stateHash(), T0.plusSeconds(5));
        StateClaim second = store.consume(pending.stateHash(), T0.plusSeconds(6));

        assertThat(first).isInstanceOfSatisfying(StateClaim.Claimed.class, claimed -> {
            assertThat(claimed.authorization().credentialId()).isEqualTo(pending.credentialId());
            assertThat(claimed.authorization().redirectUri()).isEqualTo(pending.redirectUri());
            assertThat(claimed.authorization().expiresAt()).isEqualTo(pending.expiresAt());
            assertThat(claimed.authorization().consumedAt()).isEqualTo(T0.plusSeconds(5));
        });
        assertThat(second).isInstanceOf(StateClaim.Reused.class);
        assertThat(store.consume("f".repeat(64), T0)).isInstanceOf(StateClaim.Unknown.class);
    }

    @Test
    void theNonceHashOfAnOpenIdAuthorizationComesBackWithItsClaim() {
        Credential credential = initiated();
        String nonceHash = "a".repeat(64);
        store.saveAuthorization(new PendingAuthorization("b".repeat(64), credential.credentialId(),
                "http://localhost:8080/v1/personal-connectors/oauth/callback", T0, T0.plus(TIMEOUT), null, nonceHash));
        PendingAuthorization plain = started(initiated());

        assertThat(store.consume("b".repeat(64), T0.plusSeconds(5))).isInstanceOfSatisfying(StateClaim.Claimed.class,
                claimed -> assertThat(claimed.authorization().nonceHash()).isEqualTo(nonceHash));
        assertThat(store.consume(plain.stateHash(), T0.plusSeconds(5))).isInstanceOfSatisfying(
                StateClaim.Claimed.class, claimed -> assertThat(claimed.authorization().nonceHash()).isNull());
    }

    @Test
    void concurrentCallbacksWithOneStateClaimItExactlyOnce() throws Exception {
        PendingAuthorization pending = started(initiated());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<StateClaim>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<StateClaim> claim = () -> store.consume(pending.stateHash(), T0.plusSeconds(1));
                claims.add(threads.submit(claim));
            }
            int claimed = 0;
            for (Future<StateClaim> claim : claims) {
                claimed += claim.get() instanceof StateClaim.Claimed ? 1 : 0;
            }
            assertThat(claimed).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void expiringMovesOnlyAnInitiatedConnection() {
        Credential initiated = initiated();
        Credential active = credentials.upsert(aCredential().build()).credential();

        assertThat(store.expireInitiated(initiated.credentialId(), "authorization_timeout", T0.plus(TIMEOUT)))
                .isTrue();
        assertThat(store.expireInitiated(initiated.credentialId(), "again", T0.plus(TIMEOUT))).isFalse();
        assertThat(store.expireInitiated(active.credentialId(), "authorization_timeout", T0)).isFalse();

        Credential expired = credentials.findByCredentialId(initiated.credentialId()).orElseThrow();
        assertThat(expired.status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(expired.statusReason()).isEqualTo("authorization_timeout");
        assertThat(expired.updatedAt()).isEqualTo(T0.plus(TIMEOUT));
        assertThat(expired.version()).isEqualTo(initiated.version() + 1);
        assertThat(expired.secrets()).isEqualTo(initiated.secrets());
        assertThat(credentials.findByCredentialId(active.credentialId()).orElseThrow().status())
                .isEqualTo(CredentialStatus.ACTIVE);
    }

    @Test
    void overdueAuthorizationsAreThoseOutOfTimeAndNotBeingExchanged() {
        Credential unused = initiated();
        Credential exchanging = initiated();
        Credential stale = initiated();
        Credential completed = initiated();
        started(unused);
        store.consume(started(exchanging).stateHash(), T0.plus(TIMEOUT).minusSeconds(1));
        store.consume(started(stale).stateHash(), T0.plusSeconds(1));
        started(completed);
        store.expireInitiated(completed.credentialId(), "other", T0);
        Instant now = T0.plus(TIMEOUT);

        assertThat(store.findOverdue(now.minusSeconds(1), now, 10)).isEmpty();
        List<OverdueAuthorization> overdue = store.findOverdue(now, now.minusSeconds(30), 10);

        assertThat(overdue).extracting(OverdueAuthorization::credentialId)
                .containsExactlyInAnyOrder(unused.credentialId(), stale.credentialId());
        assertThat(overdue).extracting(OverdueAuthorization::connectionId)
                .contains(unused.connectionId());
        assertThat(store.findOverdue(now, now.minusSeconds(30), 1)).hasSize(1);
    }

    @Test
    void deletingTheConnectionDeletesItsAuthorizations() {
        Credential credential = initiated();
        PendingAuthorization pending = started(credential);

        credentials.delete(credential.credentialId());

        assertThat(store.consume(pending.stateHash(), T0)).isInstanceOf(StateClaim.Unknown.class);
    }

    @Test
    void purgingDropsOnlyFinishedAuthorizationsPastTheCutoff() {
        Credential finished = initiated();
        Credential pending = initiated();
        PendingAuthorization done = started(finished);
        PendingAuthorization open = started(pending);
        store.consume(done.stateHash(), T0.plusSeconds(1));
        store.expireInitiated(finished.credentialId(), "authorization_timeout", T0.plusSeconds(2));

        assertThat(store.purgeFinished(T0.plus(TIMEOUT))).isZero();
        assertThat(store.purgeFinished(T0.plus(TIMEOUT).plusSeconds(1))).isEqualTo(1);

        assertThat(store.consume(done.stateHash(), T0)).isInstanceOf(StateClaim.Unknown.class);
        assertThat(store.consume(open.stateHash(), T0)).isInstanceOf(StateClaim.Claimed.class);
    }
}
