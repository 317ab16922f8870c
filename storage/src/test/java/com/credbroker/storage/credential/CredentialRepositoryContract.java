package com.credbroker.storage.credential;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.credential.CredentialRepository.UpsertResult;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.testing.DatabaseContract;
import com.credbroker.storage.testing.TestCrypto;
import com.credbroker.storage.db.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviours every {@link CredentialRepository} store must have. Subclasses supply the database, or
 * (the in-memory fake) no database and their own repository; tests that reach around the repository into
 * the database's rows run only where there is one.
 */
abstract class CredentialRepositoryContract extends DatabaseContract {
    static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");
    protected Cryptographer cryptographer;
    protected CredentialRepository repository;

    protected CredentialRepository newRepository() {
        return new JdbcCredentialRepository(database.dataSource(), cryptographer);
    }

    @BeforeEach
    void open() throws Exception {
        cryptographer = TestCrypto.cryptographer();
        repository = newRepository();
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
    void updateAppliesTheChangeAgainToTheRecordAConcurrentWriteLeft() {
        Credential stored = repository.upsert(aCredential().build()).credential();
        List<Long> versionsSeen = new ArrayList<>();

        Credential updated = repository.update(stored.credentialId(), current -> {
            versionsSeen.add(current.version());
            if (versionsSeen.size() == 1) { // another writer wins the first round
                repository.updateIfVersion(current.withStatus(CredentialStatus.EXPIRED, "invalid_grant",
                        current.updatedAt())).orElseThrow();
            }
            return current.withDisabled(true, current.updatedAt());
        }).orElseThrow();

        assertThat(versionsSeen).containsExactly(stored.version(), stored.version() + 1);
        assertThat(updated.version()).isEqualTo(stored.version() + 2);
        assertThat(updated.disabled()).isTrue();
        assertThat(updated.status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(repository.findByCredentialId(stored.credentialId())).contains(updated);
    }

    @Test
    void updateGivesUpWithAVersionConflictWhenConcurrentWritesKeepWinning() {
        Credential stored = repository.upsert(aCredential().build()).credential();
        List<Long> versionsSeen = new ArrayList<>();

        assertThatThrownBy(() -> repository.update(stored.credentialId(), current -> {
            versionsSeen.add(current.version());
            repository.updateIfVersion(current.withDisabled(!current.disabled(), current.updatedAt())).orElseThrow();
            return current.withStatus(CredentialStatus.EXPIRED, "never stored", current.updatedAt());
        })).isInstanceOf(VersionConflictException.class)
                .hasMessage("the credential is being changed concurrently; retry");

        assertThat(versionsSeen).hasSize(OptimisticUpdate.MAX_ATTEMPTS);
        assertThat(repository.findByCredentialId(stored.credentialId()).orElseThrow().status())
                .isEqualTo(CredentialStatus.ACTIVE);
    }

    @Test
    void updateOfAnUnknownCredentialIsEmptyAndAChangeThatKeepsTheRecordWritesNothing() {
        assertThat(repository.update("cred_unknown", current -> {
            throw new AssertionError("no record, no change");
        })).isEmpty();

        Credential stored = repository.upsert(aCredential().build()).credential();
        assertThat(repository.update(stored.credentialId(), current -> current)).contains(stored);
        assertThat(repository.findByCredentialId(stored.credentialId()).orElseThrow().version())
                .isEqualTo(stored.version());
    }

    @Test
    void everyWriteRefusesARecordThatBreaksADomainRule() {
        Credential valid = repository.upsert(aCredential().build()).credential();
        Credential noAccessToken = valid.toBuilder().secrets(CredentialSecrets.empty()).unchecked();
        Credential initiatedApiKey = aCredential().status(CredentialStatus.INITIATED).build().toBuilder()
                .authScheme(AuthScheme.API_KEY).unchecked();

        assertThatThrownBy(() -> repository.updateIfVersion(noAccessToken))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessage("an ACTIVE OAUTH2 connection needs credentials.access_token");
        assertThatThrownBy(() -> repository.upsert(initiatedApiKey))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessage("only an OAUTH2 connection can be INITIATED");
        assertThat(repository.findByCredentialId(valid.credentialId())).contains(valid);
        assertThat(repository.findByConnectionId(initiatedApiKey.connectionId())).isEmpty();
    }

    @Test
    void updateIfVersionRefusesAStaleVersion() {
        Credential stored = repository.upsert(aCredential().build()).credential();
        Credential changed = stored.withStatus(CredentialStatus.EXPIRED, "invalid_grant",
                stored.updatedAt().plusSeconds(1));

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
    }

    @Test
    void listFiltersAndPagesNewestFirstWithoutDuplicatesOrGaps() {
        List<CredentialSummary> github = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String app = i % 3 == 0 ? "slack" : "github";
            // four creation instants shared by several rows: ties are broken by credential ID
            Credential c = repository.upsert(aCredential().appName(app).disabled(i % 5 == 0)
                    .createdAt(T0.plusSeconds(i % 4)).entityId(i % 2 == 0 ? "even" : "odd").build()).credential();
            if (app.equals("github")) {
                github.add(repository.list(CredentialFilter.none(), 100, null).items().stream()
                        .filter(s -> s.credentialId().equals(c.credentialId())).findFirst().orElseThrow());
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
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(github.stream()
                .sorted(Comparator.comparing(CredentialSummary::createdAt)
                        .thenComparing(CredentialSummary::credentialId).reversed())
                .map(CredentialSummary::credentialId).toList());

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
    void aRowCreatedWhilePagingNeitherRepeatsNorHidesTheRowsAlreadyListed() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            created.add(repository.upsert(aCredential().createdAt(T0.plusSeconds(i)).build()).credential()
                    .credentialId());
        }
        Page<CredentialSummary> first = repository.list(CredentialFilter.none(), 3, null);
        repository.upsert(aCredential().createdAt(T0.plusSeconds(60)).build());
        Page<CredentialSummary> second = repository.list(CredentialFilter.none(), 3, first.nextCursor());
        List<String> seen = new ArrayList<>();
        first.items().forEach(item -> seen.add(item.credentialId()));
        second.items().forEach(item -> seen.add(item.credentialId()));
        java.util.Collections.reverse(created);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void listRejectsAMalformedCursor() {
        assertThatThrownBy(() -> repository.list(CredentialFilter.none(), 10, "***"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid cursor");
    }

    @Test
    void listRejectsADecodableCursorItDidNotIssue() {
        repository.upsert(aCredential().build());
        repository.upsert(aCredential().build());
        String issued = repository.list(CredentialFilter.none(), 1, null).nextCursor();
        String foreign = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("cred_zzz".getBytes(StandardCharsets.UTF_8)); // the former format
        for (String cursor : List.of(foreign, "abc", issued + "A", issued.substring(1), issued + "==")) {
            assertThatThrownBy(() -> repository.list(CredentialFilter.none(), 10, cursor)).as(cursor)
                    .isInstanceOf(InvalidCursorException.class).hasMessage("invalid cursor");
        }
        assertThat(repository.list(CredentialFilter.none(), 10, issued).items()).hasSize(1);
    }


}
