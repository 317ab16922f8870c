package com.credbroker.storage.credential;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.credbroker.storage.credential.CredentialRepository.UpsertResult;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.TestCrypto;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviours every {@link CredentialRepository} store must have. Subclasses supply the database, or
 * (the in-memory fake) no database and their own repository; tests that reach around the repository into
 * the database's rows run only where there is one.
 */
abstract class CredentialRepositoryContract {
    protected Database database;
    protected Cryptographer cryptographer;
    protected CredentialRepository repository;

    /** A fresh, migrated, empty database; null for a store without one. */
    protected abstract Database openDatabase() throws Exception;

    protected CredentialRepository newRepository() {
        return new JdbcCredentialRepository(database.dataSource(), cryptographer);
    }

    @BeforeEach
    void open() throws Exception {
        database = openDatabase();
        cryptographer = TestCrypto.cryptographer();
        repository = newRepository();
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void upsertCreatesThenUpdatesKeepingIdAndCreatedAt() {
        Credential first = aCredential().connectionId("conn-1").build();
        UpsertResult created = repository.upsert(first);
        assertThat(created.created()).isTrue();
        assertThat(created.credential().version()).isEqualTo(1);

        Credential second = aCredential().connectionId("conn-1").credentialId("cred_other")
                .createdAt(Instant.parse("2030-01-01T00:00:00Z")).accessToken("new-token").build();
        UpsertResult updated = repository.upsert(second);

        assertThat(updated.created()).isFalse();
        assertThat(updated.credential().credentialId()).isEqualTo(first.credentialId());
        assertThat(updated.credential().createdAt()).isEqualTo(first.createdAt());
        assertThat(updated.credential().version()).isEqualTo(2);
        Credential read = repository.findByConnectionId("conn-1").orElseThrow();
        assertThat(read.secrets().credentials()).containsEntry("access_token", "new-token");
        assertThat(read).isEqualTo(updated.credential());
        assertThat(repository.findByCredentialId("cred_other")).isEmpty();
    }

    @Test
    void roundTripsEveryField() {
        Credential stored = repository.upsert(aCredential().statusReason("ok").disabled(true).build()).credential();
        assertThat(repository.findByCredentialId(stored.credentialId())).contains(stored);
        assertThat(stored.secrets().extraData()).containsEntry("note", "imported");
    }

    @Test
    void concurrentUpsertsOfOneConnectionLeaveOneRow() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<UpsertResult>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Credential candidate = aCredential().connectionId("conn-race").build();
            Callable<UpsertResult> task = () -> {
                start.await();
                return repository.upsert(candidate);
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Future<UpsertResult> result : results) {
            UpsertResult r = result.get();
            created += r.created() ? 1 : 0;
            ids.add(r.credential().credentialId());
        }
        pool.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(ids).hasSize(1);
        assertThat(repository.list(CredentialFilter.none(), 100, null).items()).hasSize(1);
        assertThat(repository.findByConnectionId("conn-race").orElseThrow().version()).isEqualTo(threads);
    }

    @Test
    void updateIfVersionRefusesAStaleVersion() {
        Credential stored = repository.upsert(aCredential().build()).credential();
        Credential changed = new Credential(stored.credentialId(), stored.connectionId(), CredentialStatus.EXPIRED,
                stored.appName(), stored.authScheme(), stored.entityId(), stored.authConfigId(), false,
                stored.expiresAt(), stored.createdAt(), stored.updatedAt().plusSeconds(1), "invalid_grant",
                stored.version(), stored.secrets());

        Credential updated = repository.updateIfVersion(changed).orElseThrow();
        assertThat(updated.version()).isEqualTo(stored.version() + 1);
        assertThat(updated.status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(repository.updateIfVersion(changed)).isEmpty();
        assertThat(repository.findByCredentialId(stored.credentialId())).contains(updated);
    }

    @Test
    void deleteRemovesTheRow() throws Exception {
        Credential stored = repository.upsert(aCredential().build()).credential();
        assertThat(repository.delete(stored.credentialId())).contains(stored.connectionId());
        assertThat(repository.findByCredentialId(stored.credentialId())).isEmpty();
        assertThat(repository.delete(stored.credentialId())).isEmpty();
        assertThat(repository.list(CredentialFilter.none(), 10, null).items()).isEmpty();
        assumeTrue(database != null, "the row count is read from the database");
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM credentials");
             var rows = count.executeQuery()) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    @Test
    void listFiltersAndPagesWithoutDuplicatesOrGaps() {
        Set<String> github = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            String app = i % 3 == 0 ? "slack" : "github";
            Credential c = repository.upsert(aCredential().appName(app).disabled(i % 5 == 0)
                    .entityId(i % 2 == 0 ? "even" : "odd").build()).credential();
            if (app.equals("github")) {
                github.add(c.credentialId());
            }
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<CredentialSummary> page = repository.list(
                    new CredentialFilter("github", null, null, null, null), 4, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(4);
            page.items().forEach(item -> seen.add(item.credentialId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().isSorted();
        assertThat(new HashSet<>(seen)).isEqualTo(github);

        Page<CredentialSummary> combined = repository.list(
                new CredentialFilter("slack", CredentialStatus.ACTIVE, "even", "ac_1", true), 100, null);
        assertThat(combined.items()).allSatisfy(s -> {
            assertThat(s.appName()).isEqualTo("slack");
            assertThat(s.entityId()).isEqualTo("even");
            assertThat(s.disabled()).isTrue();
        });
        assertThat(combined.items()).hasSize(1); // only i = 0 is slack, disabled and even
    }

    @Test
    void listRejectsAMalformedCursor() {
        assertThatThrownBy(() -> repository.list(CredentialFilter.none(), 10, "***"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid cursor");
    }

    @Test
    void openFailsWhenPayloadMovedToAnotherRowAndOtherRowsStillRead() throws Exception {
        assumeTrue(database != null, "moves ciphertext between database rows");
        Credential victim = repository.upsert(aCredential().build()).credential();
        Credential donor = repository.upsert(aCredential().build()).credential();
        Credential bystander = repository.upsert(aCredential().build()).credential();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement move = connection.prepareStatement("UPDATE credentials SET payload ="
                     + " (SELECT payload FROM credentials WHERE credential_id = ?) WHERE credential_id = ?")) {
            move.setString(1, donor.credentialId());
            move.setString(2, victim.credentialId());
            assertThat(move.executeUpdate()).isEqualTo(1);
        }
        assertThatThrownBy(() -> repository.findByCredentialId(victim.credentialId()))
                .isInstanceOf(DecryptionException.class);
        assertThat(repository.findByCredentialId(donor.credentialId())).contains(donor);
        assertThat(repository.findByConnectionId(bystander.connectionId())).contains(bystander);
        assertThat(repository.list(CredentialFilter.none(), 10, null).items()).hasSize(3);
    }

    @Test
    void rewrapMovesOldTermsWithoutChangingVersions() {
        assumeTrue(repository instanceof JdbcCredentialRepository, "rewraps sealed database rows");
        JdbcCredentialRepository repository = (JdbcCredentialRepository) this.repository;
        Credential old = repository.upsert(aCredential().build()).credential();
        cryptographer.install(cryptographer.keyring().withNewTerm(TestCrypto.randomKey()));
        assertThat(repository.countBelowTerm(2)).isEqualTo(1);

        assertThat(repository.rewrapBatch(cryptographer, 10)).isEqualTo(1);

        assertThat(repository.countBelowTerm(2)).isZero();
        assertThat(repository.findByCredentialId(old.credentialId())).contains(old);
        assertThat(repository.rewrapBatch(cryptographer, 10)).isZero();
    }
}
