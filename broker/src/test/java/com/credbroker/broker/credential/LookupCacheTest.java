package com.credbroker.broker.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.http.Json;
import com.credbroker.storage.testing.MutableClock;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialStatus;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LookupCacheTest {
    static final Instant NOW = Instant.parse("2025-11-15T10:30:00Z");
    final MutableClock clock = new MutableClock(NOW);
    final CredentialViews views = new CredentialViews(new Json(), new SecureRandom());
    final AtomicInteger loads = new AtomicInteger();

    private ReadyResponse load(Instant expiresAt) {
        loads.incrementAndGet();
        return views.ready(credential(expiresAt), false);
    }

    static Credential credential(Instant expiresAt) {
        CredentialSecrets secrets = new CredentialSecrets(Map.of("access_token", "tok"), null, null, null, null, false,
                null, null, null, null, null, null);
        return Credential.builder().credentialId("cred_abcdefghijklmnop1234").connectionId("conn_1")
                .status(CredentialStatus.ACTIVE).appName("github").authScheme(AuthScheme.OAUTH2).expiresAt(expiresAt)
                .createdAndUpdatedAt(NOW).version(1).secrets(secrets).build();
    }

    @Test
    void servesFromCacheUntilInvalidated() {
        LookupCache cache = new LookupCache(100, Duration.ofMinutes(5), Duration.ofSeconds(30), clock);
        Instant expiry = NOW.plus(Duration.ofHours(1));

        cache.get("conn_1", id -> load(expiry));
        cache.get("conn_1", id -> load(expiry));
        cache.invalidate("conn_1");
        cache.get("conn_1", id -> load(expiry));

        assertThat(loads).hasValue(2);
    }

    @Test
    void entryNeverOutlivesTheTokenExpiry() {
        LookupCache cache = new LookupCache(100, Duration.ofMinutes(5), Duration.ofSeconds(30), clock);
        Instant expiry = NOW.plus(Duration.ofSeconds(30));

        cache.get("conn_1", id -> load(expiry));
        clock.advance(Duration.ofSeconds(29));
        cache.get("conn_1", id -> load(expiry));
        clock.advance(Duration.ofSeconds(2));
        cache.get("conn_1", id -> load(expiry));

        assertThat(loads).hasValue(2);
    }

    @Test
    void entryLivesAtMostTheConfiguredTtl() {
        LookupCache cache = new LookupCache(100, Duration.ofMinutes(5), Duration.ofSeconds(30), clock);

        cache.get("conn_1", id -> load(null));
        clock.advance(Duration.ofMinutes(6));
        cache.get("conn_1", id -> load(null));

        assertThat(loads).hasValue(2);
    }

    @Test
    void alreadyExpiredTokenIsNotCached() {
        LookupCache cache = new LookupCache(100, Duration.ofMinutes(5), Duration.ofSeconds(30), clock);
        Instant past = NOW.minusSeconds(10);

        cache.get("conn_1", id -> load(past));
        cache.get("conn_1", id -> load(past));

        assertThat(loads).hasValue(2);
    }

    @Test
    void refreshableEntryEndsWhenTheTokenEntersTheRefreshSkew() {
        LookupCache cache = new LookupCache(100, Duration.ofMinutes(5), Duration.ofSeconds(30), clock);
        Instant expiry = NOW.plus(Duration.ofSeconds(100));
        java.util.function.Function<String, ReadyResponse> refreshable = id -> {
            loads.incrementAndGet();
            return views.ready(credential(expiry), true);
        };

        cache.get("conn_1", refreshable);
        clock.advance(Duration.ofSeconds(69));
        cache.get("conn_1", refreshable);
        clock.advance(Duration.ofSeconds(2));
        ReadyResponse inSkew = cache.get("conn_1", refreshable);

        assertThat(loads).hasValue(2);
        assertThat(inSkew.needsRefresh(clock.instant(), Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void missingConnectionIsNotCached() {
        LookupCache cache = new LookupCache(100, Duration.ofMinutes(5), Duration.ofSeconds(30), clock);

        assertThat(cache.get("conn_x", id -> null)).isNull();
        assertThat(cache.size()).isZero();
    }
}
