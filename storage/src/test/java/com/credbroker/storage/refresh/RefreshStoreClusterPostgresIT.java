package com.credbroker.storage.refresh;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresSchema;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import com.credbroker.storage.testing.TestCrypto;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two broker nodes' refresh stores on one PostgreSQL schema, each with its own connection pool and its
 * own clock. Leases here are judged on the database's clock, so these tests use real time: node clocks
 * are the system clock shifted by minutes, and a lease that must lapse is a short one.
 */
@RequiresPostgres
class RefreshStoreClusterPostgresIT {
    private static final Duration SKEW = Duration.ofMinutes(10);
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration SHORT_LEASE = Duration.ofSeconds(2);
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final String LIVE_CONFIG = "ac_1";

    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dataDir;

    private final Cryptographer cryptographer = TestCrypto.cryptographer();
    private final List<Database> databases = new ArrayList<>();
    private PostgresSchema schema;
    private JdbcCredentialRepository credentials;

    @BeforeEach
    void openSchema() throws Exception {
        schema = schemas.create();
        Database first = open();
        credentials = new JdbcCredentialRepository(first.dataSource(), cryptographer);
        new RefreshTestData(first.dataSource()).insertAuthConfig(LIVE_CONFIG, null);
    }

    @AfterEach
    void closeDatabases() {
        databases.forEach(Database::close);
    }

    private Database open() {
        Database database = schema.openDatabase(dataDir.resolve("node-" + databases.size()));
        databases.add(database);
        return database;
    }

    /** A node: its own pool on the shared schema, and its own clock. */
    private Node node(String owner, Duration clockOffset) {
        return new Node(owner, new JdbcRefreshStore(open().dataSource(), cryptographer),
                Clock.offset(Clock.systemUTC(), clockOffset));
    }

    private String storedDue() {
        // due for every node: expired an hour ago even on the slowest clock
        Instant expired = Instant.now().minus(SKEW).minus(Duration.ofHours(1));
        return credentials.upsert(aCredential().authConfigId(LIVE_CONFIG).expiresAt(expired).build())
                .credential().credentialId();
    }

    @Test
    void twoStoresOnOneSchemaNeverClaimTheSameRow() throws Exception {
        int total = 400;
        for (int i = 0; i < total; i++) {
            storedDue();
        }
        Node a = node("node-a", Duration.ZERO);
        Node b = node("node-b", Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Node node = t % 2 == 0 ? a : b;
            results.add(pool.submit(() -> drain(node, start)));
        }
        start.countDown();
        List<String> claimed = new ArrayList<>();
        for (Future<List<String>> result : results) {
            claimed.addAll(result.get());
        }
        pool.shutdown();

        assertThat(claimed).hasSize(total).doesNotHaveDuplicates();
        assertThat(a.store.countDue(a.now(), a.now().plus(WINDOW))).isZero();
    }

    private static List<String> drain(Node node, CountDownLatch start) throws InterruptedException {
        start.await();
        List<String> mine = new ArrayList<>();
        List<RefreshClaim> batch;
        while (!(batch = node.claimDue(16, LEASE)).isEmpty()) {
            batch.forEach(claim -> mine.add(claim.credentialId()));
        }
        return mine;
    }

    @Test
    void batchAndSingleClaimsOfTwoNodesRacingForTheSameRowsTakeEachOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(storedDue());
        }
        Node a = node("node-a", Duration.ZERO);
        Node b = node("node-b", Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        Future<List<String>> batches = pool.submit(() -> drain(a, start));
        Future<List<String>> singles = pool.submit(() -> {
            start.await();
            List<String> mine = new ArrayList<>();
            for (String id : ids) {
                b.claim(id, LEASE).ifPresent(claim -> mine.add(claim.credentialId()));
            }
            return mine;
        });
        start.countDown();
        List<String> claimed = new ArrayList<>(batches.get());
        claimed.addAll(singles.get());
        pool.shutdown();

        assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aNodeWhoseClockIsMinutesAheadTakesNoLiveLease() {
        String id = storedDue();
        Node holder = node("node-a", Duration.ZERO);
        Node fast = node("node-fast", SKEW);
        RefreshClaim held = holder.claim(id, LEASE).orElseThrow();

        // by the fast node's clock the lease ended minutes ago; by the database's it has a minute to go
        assertThat(held.leaseUntil()).isBefore(fast.now());
        assertThat(fast.claim(id, LEASE)).isEmpty();
        assertThat(fast.claimDue(10, LEASE)).isEmpty();
        assertThat(fast.store.recoverAbandoned(fast.now(), fast.owner, false, "lapsed")).isEmpty();
        assertThat(fast.store.leaseHeld(id, fast.now())).isTrue();
        assertThat(holder.store.markSent(held, holder.now())).isTrue();
    }

    @Test
    void aLeaseEndsOnTheDatabasesClockWhateverTheClaimersClock() throws Exception {
        String id = storedDue();
        Node fast = node("node-fast", SKEW);
        Instant before = databaseNow();
        RefreshClaim claim = fast.claim(id, LEASE).orElseThrow();
        Instant after = databaseNow();

        assertThat(claim.leaseUntil()).isBetween(before.plus(LEASE), after.plus(LEASE));
        assertThat(fast.store.state(id).orElseThrow().leaseUntil()).isEqualTo(claim.leaseUntil());
    }

    @Test
    void aLapsedLeaseIsTakenByANodeWhoseClockIsMinutesBehind() {
        String id = storedDue();
        Node holder = node("node-a", Duration.ZERO);
        Node slow = node("node-slow", SKEW.negated());
        RefreshClaim lapsing = holder.claim(id, SHORT_LEASE).orElseThrow();
        assertThat(slow.claim(id, LEASE)).isEmpty();

        // by the slow node's clock the lease has minutes to go; by the database's it lapses at once
        RefreshClaim taken = eventually(() -> slow.claim(id, LEASE));

        assertThat(taken.epoch()).isEqualTo(lapsing.epoch() + 1);
        assertThat(holder.store.markSent(lapsing, holder.now())).isFalse();
        assertThat(slow.store.markSent(taken, slow.now())).isTrue();
    }

    @Test
    void aNodeWhoseClockIsMinutesBehindDoesNotKeepItsLapsedLease() {
        String id = storedDue();
        Node slow = node("node-slow", SKEW.negated());
        RefreshClaim lapsing = slow.claim(id, SHORT_LEASE).orElseThrow();

        eventually(() -> slow.store.leaseHeld(id, slow.now()) ? Optional.empty() : Optional.of(true));

        assertThat(slow.store.markSent(lapsing, slow.now())).isFalse();
        assertThat(slow.store.recoverAbandoned(slow.now(), "node-other", false, "lapsed"))
                .extracting(AbandonedRefresh::credentialId).containsExactly(id);
        assertThat(slow.claimDue(10, LEASE)).extracting(RefreshClaim::credentialId).containsExactly(id);
    }

    private Instant databaseNow() throws Exception {
        try (Connection connection = databases.get(0).dataSource().getConnection()) {
            return RefreshSql.Dialect.POSTGRESQL.leaseNow(connection, Instant.EPOCH);
        }
    }

    /** Polls (bounded: 10 s) until {@code attempt} yields a value; real database time passes meanwhile. */
    private static <T> T eventually(Supplier<Optional<T>> attempt) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = attempt.get();
            if (value.isPresent()) {
                return value.get();
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("not within 10 s");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** One node's view: its store, its owner name and its (possibly skewed) clock. */
    private record Node(String owner, JdbcRefreshStore store, Clock clock) {
        Instant now() {
            return clock.instant();
        }

        List<RefreshClaim> claimDue(int limit, Duration lease) {
            Instant now = now();
            return store.claimDue(now, now.plus(WINDOW), limit, owner, now.plus(lease));
        }

        Optional<RefreshClaim> claim(String credentialId, Duration lease) {
            Instant now = now();
            return store.claim(credentialId, now, owner, now.plus(lease));
        }
    }
}
