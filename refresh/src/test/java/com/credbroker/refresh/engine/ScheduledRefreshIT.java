package com.credbroker.refresh.engine;

import com.credbroker.refresh.testing.TestSettings;
import com.credbroker.config.ConfigTable;
import static com.credbroker.refresh.testing.RefreshFixture.accessToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.TokenClient;
import com.credbroker.refresh.testing.Await;
import com.credbroker.refresh.testing.OnRefreshFixture;
import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.refresh.RefreshClaim;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The scan, driven by an injected clock: what is due, caps on concurrency, crash recovery. */
class ScheduledRefreshIT extends OnRefreshFixture {
    @Test
    void refreshesOnlyTokensExpiringWithinTheWindowAsTheClockMoves() {
        AuthConfig authConfig = fixture.authConfig(provider.tokenUrl());
        Credential soon = fixture.connection(authConfig, provider.seed("soon"), Duration.ofMinutes(3));
        Credential later = fixture.connection(authConfig, provider.seed("later"), Duration.ofMinutes(20));
        RefreshEngine engine = fixture.engine();

        var first = engine.scanner().runOnce();
        assertThat(engine.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(first.claimed()).isEqualTo(1);
        assertThat(provider.calls("soon")).isEqualTo(1);
        assertThat(provider.calls("later")).isZero();
        assertThat(accessToken(fixture.reload(soon))).isEqualTo(provider.currentAccessToken("soon"));

        fixture.clock.advance(Duration.ofMinutes(16));
        var second = engine.scanner().runOnce();
        assertThat(engine.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(second.claimed()).isEqualTo(1);
        assertThat(provider.calls("later")).isEqualTo(1);
        assertThat(provider.calls("soon")).isEqualTo(1);
        assertThat(fixture.reload(later).expiresAt()).isEqualTo(fixture.clock.instant().plusSeconds(3600));
    }

    @Test
    void perAuthConfigAndGlobalCapsBoundConcurrentRequests() {
        provider.setLatency(Duration.ofMillis(100));
        AuthConfig slow = fixture.authConfig(provider.tokenUrl());
        AuthConfig other = fixture.authConfig(provider.tokenUrl());
        IntStream.range(0, 12).forEach(i -> fixture.connection(slow, provider.seed("s" + i), Duration.ofMinutes(1)));
        IntStream.range(0, 12).forEach(i -> fixture.connection(other, provider.seed("o" + i), Duration.ofMinutes(1)));
        ConcurrencyProbe probe = new ConcurrencyProbe();
        RefreshConfig config = TestSettings.of(RefreshFixture.config()).concurrency(5, 3, Duration.ZERO).refresh();
        RefreshEngine engine = fixture.engine(config, probe::wrap);

        engine.scanner().runOnce();
        assertThat(engine.awaitIdle(Duration.ofSeconds(20))).isTrue();

        assertThat(provider.calls()).isEqualTo(24);
        assertThat(probe.maxTotal.get()).isLessThanOrEqualTo(5).isGreaterThanOrEqualTo(4);
        assertThat(probe.maxPerConfig.values()).allSatisfy(max -> assertThat(max.get()).isLessThanOrEqualTo(3));
    }

    @Test
    void aRefreshInterruptedAfterItsRequestWasSentIsExpiredAtStartAndNotRetried() {
        AuthConfig authConfig = fixture.authConfig(provider.tokenUrl());
        Credential sent = fixture.connection(authConfig, provider.seed("sent"), Duration.ofMinutes(1));
        Credential notSent = fixture.connection(authConfig, provider.seed("not-sent"), Duration.ofMinutes(1));
        Instant now = fixture.clock.instant();
        // A previous process claimed both, sent one request, then died.
        List<RefreshClaim> claims = fixture.store.claimDue(now, now.plus(Duration.ofMinutes(5)), 10, "dead-node",
                now.plus(Duration.ofMinutes(2)));
        claims.stream().filter(c -> c.credentialId().equals(sent.credentialId()))
                .forEach(c -> fixture.store.markSent(c, now));

        RefreshEngine engine = fixture.engine();
        var recovered = engine.scanner().recover(true);
        var scan = engine.scanner().runOnce();
        assertThat(engine.awaitIdle(Duration.ofSeconds(10))).isTrue();
        var again = engine.scanner().runOnce();

        Credential interrupted = fixture.reload(sent);
        assertThat(recovered).hasSize(2);
        assertThat(interrupted.status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(interrupted.statusReason()).startsWith("refresh_interrupted: ");
        assertThat(provider.calls("sent")).isZero();
        assertThat(scan.claimed()).isEqualTo(1);
        assertThat(provider.calls("not-sent")).isEqualTo(1);
        assertThat(again.claimed()).isZero();
        assertThat(engine.refresher().refresh(sent.credentialId(), RefreshTrigger.READ).outcome())
                .isEqualTo(RefreshOutcome.NOT_REFRESHABLE);
    }

    @Test
    void theQuartzScheduleRunsTheScanEveryInterval() throws Exception {
        AuthConfig authConfig = fixture.authConfig(provider.tokenUrl());
        Credential due = fixture.connection(authConfig, provider.seed("quartz"), Duration.ofMinutes(1));
        RefreshConfig config = TestSettings.defaults().allowInsecureTokenUrls(true)
                .set(ConfigTable.REFRESH_INTERVAL, Duration.ofMillis(200)).set(ConfigTable.REFRESH_BATCH_SIZE, 16)
                .concurrency(4, 4, Duration.ZERO)
                .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)).refresh();
        RefreshEngine engine = fixture.engine(config);

        engine.startSchedule(true);
        assertThat(Await.until(() -> provider.calls("quartz") > 0, Duration.ofSeconds(10))).isTrue();
        // A due connection appears while the schedule runs: a later firing picks it up.
        Credential second = fixture.connection(authConfig, provider.seed("quartz-2"), Duration.ofMinutes(1));
        assertThat(Await.until(() -> provider.calls("quartz-2") > 0, Duration.ofSeconds(10))).isTrue();
        engine.close();

        assertThat(provider.calls("quartz")).isEqualTo(1);
        assertThat(provider.calls("quartz-2")).isEqualTo(1);
        assertThat(accessToken(fixture.reload(due))).isEqualTo(provider.currentAccessToken("quartz"));
        assertThat(accessToken(fixture.reload(second))).isEqualTo(provider.currentAccessToken("quartz-2"));
    }

    /** Wraps the token client to record the most requests seen in flight, overall and per auth config. */
    private static final class ConcurrencyProbe {
        final AtomicInteger total = new AtomicInteger();
        final AtomicInteger maxTotal = new AtomicInteger();
        final Map<String, AtomicInteger> perConfig = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> maxPerConfig = new ConcurrentHashMap<>();

        TokenClient wrap(TokenClient client) {
            return request -> {
                String config = request.provider().authConfigId();
                AtomicInteger mine = perConfig.computeIfAbsent(config, c -> new AtomicInteger());
                maxTotal.accumulateAndGet(total.incrementAndGet(), Math::max);
                maxPerConfig.computeIfAbsent(config, c -> new AtomicInteger())
                        .accumulateAndGet(mine.incrementAndGet(), Math::max);
                try {
                    return client.refresh(request);
                } finally {
                    mine.decrementAndGet();
                    total.decrementAndGet();
                }
            };
        }
    }
}
