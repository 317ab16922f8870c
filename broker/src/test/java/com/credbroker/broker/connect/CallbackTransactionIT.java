package com.credbroker.broker.connect;

import com.credbroker.broker.audit.AuditService;
import com.credbroker.storage.audit.InMemoryAuditLog;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.broker.authconfig.AuthConfigService;
import com.credbroker.broker.credential.LookupCache;
import com.credbroker.config.BrokerConfig;
import com.credbroker.storage.authconfig.JdbcAuthConfigRepository;
import com.credbroker.storage.connect.ConnectStore;
import com.credbroker.storage.connect.JdbcConnectStore;
import com.credbroker.storage.connect.OverdueAuthorization;
import com.credbroker.storage.connect.PendingAuthorization;
import com.credbroker.storage.connect.StateClaim;
import com.credbroker.storage.connect.StateHash;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.db.StorageException;
import com.credbroker.storage.testing.TestConfigs;
import com.credbroker.storage.testing.TestCrypto;
import com.credbroker.storage.testing.TestDatabases;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The callback's state claim and the write it decides before any code exchange commit together or not at all. */
class CallbackTransactionIT {
    private static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");
    private static final String STATE = "state-of-one-callback-0123456789";

    @TempDir
    Path dataDir;
    private Database database;
    private JdbcCredentialRepository credentials;
    private JdbcConnectStore store;
    private final Clock clock = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);

    @BeforeEach
    void open() {
        database = TestDatabases.h2File(dataDir);
        credentials = new JdbcCredentialRepository(database.dataSource(), TestCrypto.cryptographer());
        store = new JdbcConnectStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Credential started() {
        Credential credential = credentials.upsert(aCredential().status(CredentialStatus.INITIATED).expiresAt(null)
                .createdAt(T0).updatedAt(T0).build()).credential();
        store.saveAuthorization(new PendingAuthorization(StateHash.of(STATE), credential.credentialId(),
                "http://localhost:8080/v1/personal-connectors/oauth/callback", T0, T0.plusSeconds(600), null));
        return credential;
    }

    private CallbackService callbacks(ConnectStore connectStore) {
        BrokerConfig config = BrokerConfig.builder().build();
        AuditService audit = new AuditService(new InMemoryAuditLog(), clock, Duration.ofSeconds(5));
        ConnectParts parts = new ConnectParts(
                new AuthConfigService(new JdbcAuthConfigRepository(
                        database.dataSource(), TestCrypto.cryptographer()), true, clock, new SecureRandom(), audit),
                credentials, connectStore, database.transactions(),
                new LookupCache(100, Duration.ofMinutes(1), Duration.ofSeconds(30), clock),
                config.refresh(), config.connect(), () -> URI.create("http://localhost:8080"), clock);
        return new CallbackService(parts, null, audit); // these callbacks end before any code exchange
    }

    @Test
    void aProviderErrorWhoseExpiryFailsLeavesTheStateUnclaimed() {
        Credential credential = started();

        assertThatThrownBy(() -> callbacks(new FailingExpiry(store)).callback(STATE, null, "access_denied", null))
                .isInstanceOf(StorageException.class);

        assertThat(credentials.findByCredentialId(credential.credentialId()).orElseThrow().status())
                .isEqualTo(CredentialStatus.INITIATED);
        assertThat(store.consume(StateHash.of(STATE), T0.plusSeconds(9))).isInstanceOf(StateClaim.Claimed.class);
    }

    @Test
    void aProviderErrorClaimsTheStateAndExpiresTheConnectionTogether() {
        Credential credential = started();

        CallbackResult result = callbacks(store).callback(STATE, null, "access_denied", null);

        assertThat(result).isNotInstanceOf(CallbackResult.Refused.class);
        assertThat(credentials.findByCredentialId(credential.credentialId()).orElseThrow().status())
                .isEqualTo(CredentialStatus.EXPIRED);
        assertThat(store.consume(StateHash.of(STATE), T0.plusSeconds(9))).isInstanceOf(StateClaim.Reused.class);
    }

    /** Writes the expiry, then fails as a database would after the statement ran (e.g. at commit). */
    private record FailingExpiry(ConnectStore delegate) implements ConnectStore {
        @Override
        public void saveAuthorization(PendingAuthorization authorization) {
            delegate.saveAuthorization(authorization);
        }

        @Override
        public StateClaim consume(String stateHash, Instant now) {
            return delegate.consume(stateHash, now);
        }

        @Override
        public boolean expireInitiated(String credentialId, String reason, Instant now) {
            delegate.expireInitiated(credentialId, reason, now);
            throw new StorageException("authorization expiry", new SQLException("injected", "08006"));
        }

        @Override
        public List<OverdueAuthorization> findOverdue(Instant now, Instant consumedBefore, int limit) {
            return delegate.findOverdue(now, consumedBefore, limit);
        }

        @Override
        public int purgeFinished(Instant expiredBefore) {
            return delegate.purgeFinished(expiredBefore);
        }
    }
}
