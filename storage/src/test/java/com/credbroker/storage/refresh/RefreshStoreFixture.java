package com.credbroker.storage.refresh;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.CredentialBuilder;
import com.credbroker.storage.testing.MutableClock;
import com.credbroker.storage.testing.TestCrypto;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Set-up shared by the refresh store contracts: a fresh database with one live and one blocked auth
 * config, the credential repository to write records, the store under test, and a clock tests move.
 */
abstract class RefreshStoreFixture {
    static final String LIVE_CONFIG = "ac_1";
    static final String BLOCKED_CONFIG = "ac_blocked";
    static final String OWNER = "node-a";
    static final String OTHER = "node-b";
    static final Duration LEASE = Duration.ofMinutes(1);
    static final Duration WINDOW = Duration.ofMinutes(10);

    protected Database database;
    protected Cryptographer cryptographer;
    protected JdbcCredentialRepository credentials;
    protected JdbcRefreshStore store;
    protected RefreshTestData rows;
    protected RefreshSql.Dialect dialect;
    protected final MutableClock clock = new MutableClock(Instant.parse("2025-11-15T10:30:00Z"));

    /** A fresh, migrated, empty database. */
    protected abstract Database openDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = openDatabase();
        cryptographer = TestCrypto.cryptographer();
        credentials = new JdbcCredentialRepository(database.dataSource(), cryptographer);
        store = new JdbcRefreshStore(database.dataSource(), cryptographer);
        rows = new RefreshTestData(database.dataSource());
        dialect = RefreshSql.Dialect.of(database.dataSource());
        rows.insertAuthConfig(LIVE_CONFIG, null);
        rows.insertAuthConfig(BLOCKED_CONFIG, "invalid_client");
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Lets {@code duration} pass for the records and for the leases: moves the test clock, and, where
     * leases are judged on the database's clock (PostgreSQL), moves every stored lease end back by the
     * same amount, which to a lease is the same as the database's clock moving on.
     */
    void passTime(Duration duration) throws SQLException {
        clock.advance(duration);
        if (dialect == RefreshSql.Dialect.POSTGRESQL) {
            rows.execute("UPDATE credentials SET lease_until = lease_until - (? * INTERVAL '1 microsecond')"
                    + " WHERE lease_until IS NOT NULL", duration.toNanos() / 1000);
        }
    }

    /** Now on the store's lease clock: the test clock on H2, the database's clock on PostgreSQL. */
    Instant leaseClockNow() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            return dialect.leaseNow(connection, now());
        }
    }

    Instant dueBefore() {
        return now().plus(WINDOW);
    }

    /** A connection that is refreshable and due at {@link #now()}. */
    CredentialBuilder due() {
        return aCredential().authConfigId(LIVE_CONFIG).expiresAt(now().plus(WINDOW.dividedBy(2)));
    }

    /** Stores the record; returns its credential ID. */
    String stored(CredentialBuilder builder) {
        return credentials.upsert(builder.build()).credential().credentialId();
    }

    List<RefreshClaim> claimDue(int limit, String owner) {
        return store.claimDue(now(), dueBefore(), limit, owner, now().plus(LEASE));
    }

    RefreshClaim claim(String credentialId, String owner) {
        return store.claim(credentialId, now(), owner, now().plus(LEASE)).orElseThrow();
    }

    RefreshState state(String credentialId) {
        return store.state(credentialId).orElseThrow();
    }

    /** {@code base} with the secrets of {@code secretsFrom}'s record. */
    static Credential withSecretsOf(Credential base, CredentialBuilder secretsFrom) {
        return base.withSecrets(secretsFrom.build().secrets());
    }
}
