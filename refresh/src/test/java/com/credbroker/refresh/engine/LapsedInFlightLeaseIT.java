package com.credbroker.refresh.engine;

import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.testing.TestSettings;
import static com.credbroker.refresh.testing.RefreshFixture.refreshToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.NimbusTokenClient;
import com.credbroker.refresh.client.TokenRequestSpec;
import com.credbroker.refresh.client.TokenResult;
import com.credbroker.refresh.testing.OnRefreshFixture;
import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.refresh.RefreshClaim;
import com.credbroker.storage.refresh.RefreshStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14 item 8 at the engine, interleaving forced deterministically: node A claims a connection, marks
 * it in flight and presents its refresh token to a provider that rotates tokens and revokes a grant whose
 * used token comes back, then dies before storing the answer; its lease lapses (injected clock). Node B
 * reaches the connection <em>before</em> any recovery of abandoned leases has run, by each path: the
 * scan's batch claim (its own recovery held back once), a read-time and a forced refresh. The token A
 * sent is never presented again, and the connection ends EXPIRED {@code refresh_interrupted}.
 */
class LapsedInFlightLeaseIT extends OnRefreshFixture {
    private static final RefreshConfig CONFIG = RefreshFixture.config();

    private AuthConfig authConfig;
    private RefreshEngine nodeB;

    @BeforeEach
    void start() {
        authConfig = fixture.authConfig(provider.tokenUrl());
        nodeB = fixture.engine(CONFIG, client -> client, storeWithRecoveryHeldOnce());
    }

    @Test
    void theScansBatchClaimReachingTheLapsedLeaseFirstSendsNothingAndTheNextRecoveryExpiresIt() {
        Credential connection = sentByNodeAThatThenDies("scan");
        fixture.clock.advance(CONFIG.lease().plusSeconds(1));

        var first = nodeB.scanner().runOnce(); // its recovery has not run yet: the claim reaches the lease first
        assertThat(nodeB.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(first.claimed()).isZero();
        assertThat(provider.calls("scan")).isEqualTo(1);

        var second = nodeB.scanner().runOnce();
        assertThat(second.interrupted()).isEqualTo(1);
        assertInterruptedAndPresentedOnce(connection, "scan");
    }

    @ParameterizedTest
    @EnumSource(value = RefreshTrigger.class, names = {"READ", "FORCED"})
    void aRefreshReachingTheLapsedLeaseFirstRecoversItAndSendsNothing(RefreshTrigger trigger) {
        Credential connection = sentByNodeAThatThenDies("single");
        fixture.clock.advance(CONFIG.lease().plusSeconds(1));

        RefreshResult result = nodeB.refresher().refresh(connection.credentialId(), trigger);

        assertThat(result.outcome()).isEqualTo(RefreshOutcome.NOT_REFRESHABLE);
        assertThat(result.credential().status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(result.credential().statusReason()).startsWith("refresh_interrupted: ");
        assertThat(fixture.committed).contains(connection.connectionId() + ":not_refreshable");
        assertInterruptedAndPresentedOnce(connection, "single");
    }

    private void assertInterruptedAndPresentedOnce(Credential connection, String grant) {
        Credential after = fixture.reload(connection);
        assertThat(after.status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(after.statusReason()).startsWith("refresh_interrupted: ");
        assertThat(nodeB.refresher().refresh(connection.credentialId(), RefreshTrigger.FORCED).outcome())
                .isEqualTo(RefreshOutcome.NOT_REFRESHABLE);
        assertThat(provider.calls(grant)).as("token requests for the grant: node A's only").isEqualTo(1);
        assertThat(provider.reuseDetected()).as("refresh tokens presented twice").isZero();
        assertThat(provider.revoked(grant)).isFalse();
    }

    /** Node A: claims, marks in flight, presents the refresh token (the provider rotates it), dies unanswered. */
    private Credential sentByNodeAThatThenDies(String grant) {
        Credential connection = fixture.connection(authConfig, provider.seed(grant), Duration.ofMinutes(1));
        Instant now = fixture.clock.instant();
        RefreshClaim claim = fixture.store.claim(connection.credentialId(), now, "node-a", now.plus(CONFIG.lease()))
                .orElseThrow();
        assertThat(fixture.store.markSent(claim, now)).isTrue();
        // generous timeouts: node A's request must reach the provider even on a busy host
        RefreshConfig patient = TestSettings.of(CONFIG)
                .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), CONFIG.lease()).refresh();
        TokenResult answer = new NimbusTokenClient(patient, fixture.clock)
                .refresh(new TokenRequestSpec(ResolvedProvider.of(authConfig), refreshToken(connection)));
        assertThat(answer).isInstanceOf(TokenResult.Success.class);
        return connection;
    }

    /** The fixture's store, except that the first recovery of abandoned leases finds nothing (it has not run yet). */
    private RefreshStore storeWithRecoveryHeldOnce() {
        AtomicBoolean held = new AtomicBoolean(true);
        return (RefreshStore) Proxy.newProxyInstance(RefreshStore.class.getClassLoader(),
                new Class<?>[] {RefreshStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("recoverAbandoned") && held.getAndSet(false)) {
                        return List.of();
                    }
                    try {
                        return method.invoke(fixture.store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
