package com.credbroker.broker.credential;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.metrics.BrokerMetrics;
import com.credbroker.storage.audit.InMemoryAuditLog;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.http.Json;
import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.NimbusTokenClient;
import com.credbroker.refresh.engine.RefreshEngine;
import com.credbroker.refresh.testing.OnRefreshFixture;
import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.refresh.testing.TestSettings;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialFilter;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.credential.CredentialSummary;
import com.credbroker.storage.credential.Page;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How often a lookup that refreshes first reads its credential row (through the repository): once to
 * find the due token, once under the refresh lease. Before the cached response knew its credential ID it
 * was five (lookup, ID of the connection, refresher's check, re-read under the lease, reload after).
 */
class ReadTimeRefreshReadsIT extends OnRefreshFixture {
    private RefreshEngine engine;
    private CountingCredentials credentials;
    private LookupCache cache;
    private CredentialService service;

    @BeforeEach
    void start() {
        credentials = new CountingCredentials(fixture.credentials);
        // generous timeouts: a loaded machine must not turn the one provider call into a transient failure
        RefreshConfig config = TestSettings.of(RefreshFixture.config())
                .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(1)).refresh();
        cache = new LookupCache(100, Duration.ofMinutes(5), config.skew(), fixture.clock);
        NimbusTokenClient client = new NimbusTokenClient(config, fixture.clock);
        engine = new RefreshEngine(config, fixture.clock, credentials, fixture.store, fixture.authConfigs, client,
                (connectionId, trigger, outcome) -> cache.invalidate(connectionId), new SimpleMeterRegistry());
        SecureRandom random = new SecureRandom();
        service = new CredentialService(credentials, cache, new CredentialViews(new Json(), random), fixture.clock,
                random, engine.refresher(), config.skew(), new CredentialRevoker(fixture.authConfigs, client),
                fixture.authConfigs, new AuditService(new InMemoryAuditLog(), fixture.clock, Duration.ofSeconds(5)),
                new BrokerMetrics());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void aLookupThatRefreshesReadsItsRowTwiceAndServesTheNewToken() {
        AuthConfig authConfig = fixture.authConfig(provider.tokenUrl());
        Credential due = fixture.connection(authConfig, provider.seed("grant-1"), Duration.ofSeconds(5));
        credentials.reads.set(0);

        byte[] body = service.lookup(Actor.broker(), due.connectionId(), false).join();

        assertThat(credentials.reads).hasValue(2);
        assertThat(provider.calls("grant-1")).isEqualTo(1);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains(provider.currentAccessToken("grant-1"));

        credentials.reads.set(0);
        service.lookup(Actor.broker(), due.connectionId(), false).join();
        service.lookup(Actor.broker(), due.connectionId(), false).join();
        assertThat(credentials.reads).as("the refreshed record is cached after one load").hasValue(1);
        assertThat(provider.calls("grant-1")).isEqualTo(1);
        assertThat(cache.getIfPresent(due.connectionId()).credentialId()).isEqualTo(due.credentialId());
    }

    /** Counts the reads of credential rows; everything else is passed through. */
    private static final class CountingCredentials implements CredentialRepository {
        final AtomicInteger reads = new AtomicInteger();
        private final CredentialRepository delegate;

        CountingCredentials(CredentialRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Credential> findByConnectionId(String connectionId) {
            reads.incrementAndGet();
            return delegate.findByConnectionId(connectionId);
        }

        @Override
        public Optional<Credential> findByCredentialId(String credentialId) {
            reads.incrementAndGet();
            return delegate.findByCredentialId(credentialId);
        }

        @Override
        public UpsertResult upsert(Credential credential) {
            return delegate.upsert(credential);
        }

        @Override
        public Optional<Credential> updateIfVersion(Credential credential) {
            return delegate.updateIfVersion(credential);
        }

        @Override
        public Optional<String> delete(String credentialId) {
            return delegate.delete(credentialId);
        }

        @Override
        public Page<CredentialSummary> list(CredentialFilter filter, int limit, String cursor) {
            return delegate.list(filter, limit, cursor);
        }
    }
}
