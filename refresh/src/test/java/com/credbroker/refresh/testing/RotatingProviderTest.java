package com.credbroker.refresh.testing;

import com.credbroker.refresh.provider.ResolvedProvider;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.FailureClass;
import com.credbroker.refresh.client.NimbusTokenClient;
import com.credbroker.refresh.client.TokenRequestSpec;
import com.credbroker.refresh.client.TokenResult;
import com.credbroker.refresh.client.TokenSet;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rotating provider double, driven through the real token client. */
class RotatingProviderTest {
    final RotatingProvider provider = RotatingProvider.start();
    final NimbusTokenClient client = new NimbusTokenClient(TestSettings.defaults().allowInsecureTokenUrls(true)
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(2)).refresh(), Clock.systemUTC());

    @AfterEach
    void close() {
        provider.close();
    }

    TokenResult refresh(String refreshToken) {
        return refresh(refreshToken, ClientAuthMethod.NONE, null);
    }

    TokenResult refresh(String refreshToken, ClientAuthMethod method, String secret) {
        Instant now = Instant.now();
        AuthConfig config = new AuthConfig("ac_test", "test", provider.tokenUrl(), null, null, "client-1", secret,
                method, List.of(), null, now, now, 1);
        return client.refresh(new TokenRequestSpec(ResolvedProvider.of(config), refreshToken));
    }

    static TokenSet tokens(TokenResult result) {
        assertThat(result).isInstanceOf(TokenResult.Success.class);
        return ((TokenResult.Success) result).tokens();
    }

    static FailureClass failureClass(TokenResult result) {
        assertThat(result).isInstanceOf(TokenResult.Failure.class);
        return ((TokenResult.Failure) result).failureClass();
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        String first = provider.seed("g1");

        TokenSet tokens = tokens(refresh(first));

        assertThat(tokens.refreshToken()).isNotEqualTo(first).isEqualTo(provider.currentRefreshToken("g1"));
        assertThat(tokens.accessToken()).isEqualTo(provider.currentAccessToken("g1"));
        assertThat(tokens.expiresInSeconds()).isEqualTo(3600L);
        assertThat(tokens(refresh(tokens.refreshToken())).refreshToken()).isNotEqualTo(tokens.refreshToken());
        assertThat(provider.calls("g1")).isEqualTo(2);
        assertThat(provider.reuseDetected()).isZero();
    }

    @Test
    void reusedRefreshTokenRevokesTheWholeGrant() {
        String first = provider.seed("g1");
        String second = tokens(refresh(first)).refreshToken();

        assertThat(failureClass(refresh(first))).isEqualTo(FailureClass.INVALID_GRANT);

        assertThat(provider.reuseDetected()).isEqualTo(1);
        assertThat(provider.revoked("g1")).isTrue();
        assertThat(failureClass(refresh(second))).isEqualTo(FailureClass.INVALID_GRANT);
    }

    @Test
    void concurrentPresentationsOfOneTokenSucceedExactlyOnce() throws Exception {
        String token = provider.seed("g1");
        provider.setLatency(Duration.ofMillis(50));
        int callers = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<TokenResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return refresh(token);
                }));
            }
            go.countDown();
            long successes = 0;
            for (Future<TokenResult> result : results) {
                successes += result.get() instanceof TokenResult.Success ? 1 : 0;
            }
            assertThat(successes).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(provider.reuseDetected()).isEqualTo(callers - 1);
        assertThat(provider.revoked("g1")).isTrue();
    }

    @Test
    void slowAnswersToManyGrantsOverlapRatherThanQueue() throws Exception {
        int grants = 300;
        provider.setLatency(Duration.ofMillis(500));
        ExecutorService pool = Executors.newFixedThreadPool(grants);
        List<Future<TokenResult>> results = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < grants; i++) {
                String token = provider.seed("g" + i);
                results.add(pool.submit(() -> refresh(token)));
            }
            for (Future<TokenResult> result : results) {
                tokens(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // Serially this would take 150 s; with a thread per request it is about one latency.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(provider.calls()).isEqualTo(grants);
    }

    @Test
    void unknownRefreshTokenIsInvalidGrantWithoutReuse() {
        provider.seed("g1");

        assertThat(failureClass(refresh("rt-made-up"))).isEqualTo(FailureClass.INVALID_GRANT);
        assertThat(provider.reuseDetected()).isZero();
        assertThat(provider.revoked("g1")).isFalse();
        assertThat(provider.calls()).isEqualTo(1);
    }

    @Test
    void injectedFailureAnswersOnceAndLeavesTheGrantAlone() {
        String token = provider.seed("g1");
        provider.failNext(503, "{\"error\":\"temporarily_unavailable\"}");

        assertThat(failureClass(refresh(token))).isEqualTo(FailureClass.TRANSIENT);
        assertThat(tokens(refresh(token)).accessToken()).isEqualTo(provider.currentAccessToken("g1"));
        assertThat(provider.calls("g1")).isEqualTo(2);
    }

    @Test
    void expiresInCanBeLeftOut() {
        String token = provider.seed("g1");
        provider.setExpiresIn(null);

        assertThat(tokens(refresh(token)).expiresInSeconds()).isNull();
    }

    @Test
    void requiredClientAcceptsBasicAndPostAndRefusesAWrongSecret() {
        String token = provider.seed("g1");
        provider.requireClient("client-1", "s3cret");

        String next = tokens(refresh(token, ClientAuthMethod.CLIENT_SECRET_BASIC, "s3cret")).refreshToken();
        String last = tokens(refresh(next, ClientAuthMethod.CLIENT_SECRET_POST, "s3cret")).refreshToken();

        assertThat(failureClass(refresh(last, ClientAuthMethod.CLIENT_SECRET_POST, "wrong")))
                .isEqualTo(FailureClass.INVALID_CLIENT);
        assertThat(provider.revoked("g1")).isFalse();
    }
}
