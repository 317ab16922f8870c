package com.credbroker.refresh.engine;

import static com.credbroker.refresh.testing.RefreshFixture.accessToken;
import static com.credbroker.refresh.testing.RefreshFixture.refreshToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.refresh.testing.OnRefreshFixture;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a provider that revokes the grant when a used refresh token comes back: many concurrent
 * read-time refreshes, forced refreshes and scans of one expiring connection, in one process and
 * across two engines (two "nodes" with their own single-flights) on one database → exactly one
 * provider call, every caller sees the new token, the grant survives.
 */
class SingleRefreshConcurrencyIT extends OnRefreshFixture {
    private static final int READERS = 64;

    private final ExecutorService threads = Executors.newFixedThreadPool(READERS + 4);

    @BeforeEach
    void start() {
        provider.setLatency(Duration.ofMillis(150));
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void concurrentLookupsAndTheSchedulerOnOneConnectionMakeOneProviderCall() throws Exception {
        AuthConfig authConfig = fixture.authConfig(provider.tokenUrl());
        Credential connection = fixture.connection(authConfig, provider.seed("grant-1"), Duration.ofSeconds(5));
        RefreshEngine engine = fixture.engine();

        List<RefreshResult> results = race(READERS, i -> {
            if (i == 0) {
                engine.scanner().runOnce();
                engine.awaitIdle(Duration.ofSeconds(10));
                return engine.refresher().refresh(connection.credentialId(), RefreshTrigger.READ);
            }
            return engine.refresher().refresh(connection.credentialId(), RefreshTrigger.READ);
        });

        assertOneRefresh(connection, "grant-1", results);
    }

    @Test
    void twoEnginesOnOneDatabaseMakeOneProviderCall() throws Exception {
        AuthConfig authConfig = fixture.authConfig(provider.tokenUrl());
        Credential connection = fixture.connection(authConfig, provider.seed("grant-2"), Duration.ofSeconds(5));
        RefreshEngine nodeA = fixture.engine();
        RefreshEngine nodeB = fixture.engine();

        List<RefreshResult> results = race(READERS, i -> (i % 2 == 0 ? nodeA : nodeB).refresher()
                .refresh(connection.credentialId(), RefreshTrigger.READ));

        assertOneRefresh(connection, "grant-2", results);
    }

    private void assertOneRefresh(Credential connection, String grant, List<RefreshResult> results) {
        Credential stored = fixture.reload(connection);
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(provider.reuseDetected()).isZero();
        assertThat(provider.revoked(grant)).isFalse();
        assertThat(refreshToken(stored)).isEqualTo(provider.currentRefreshToken(grant));
        assertThat(stored.status()).isEqualTo(CredentialStatus.ACTIVE);
        assertThat(results).allSatisfy(result -> assertThat(accessToken(result.credential()))
                .isEqualTo(provider.currentAccessToken(grant)));
    }

    /** Runs {@code n} callers released at the same instant; returns their results. */
    private List<RefreshResult> race(int n, IndexedCall call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RefreshResult>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Callable<RefreshResult> task = () -> {
                go.await();
                return call.run(index);
            };
            futures.add(threads.submit(task));
        }
        go.countDown();
        List<RefreshResult> results = new ArrayList<>();
        for (Future<RefreshResult> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    @FunctionalInterface
    private interface IndexedCall {
        RefreshResult run(int index);
    }
}
