package com.credbroker.storage.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.testing.DatabaseContract;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviours of {@link JdbcKeyringRepository} on a migrated database. Subclasses supply the
 * database. Key material here is random bytes: the repository never looks inside it.
 */
abstract class KeyringRepositoryContract extends DatabaseContract {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");

    protected JdbcKeyringRepository repository;

    @BeforeEach
    void open() throws Exception {
        repository = new JdbcKeyringRepository(database.dataSource());
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static WrappedTerm term(int term, long encryptions) {
        return new WrappedTerm(term, bytes(60), T0.plusSeconds(term), encryptions);
    }

    @Test
    void anEmptyKeyringHasNoMetaAndNoTerms() {
        assertThat(repository.findMeta()).isEmpty();
        assertThat(repository.findTerms()).isEmpty();
    }

    @Test
    void initialiseStoresTheMetaAndTheFirstTermOnce() {
        KeyringMeta meta = new KeyringMeta(bytes(60), Optional.of(PassphraseKdf.generate(RANDOM)));
        WrappedTerm first = term(1, 0);
        repository.initialise(meta, first, T0);

        KeyringMeta found = repository.findMeta().orElseThrow();
        assertThat(found.canary()).isEqualTo(meta.canary());
        assertThat(found.kdf()).isEqualTo(meta.kdf());
        assertThat(repository.findTerms()).singleElement().satisfies(t -> {
            assertThat(t.term()).isEqualTo(1);
            assertThat(t.wrappedKey()).isEqualTo(first.wrappedKey());
            assertThat(t.createdAt()).isEqualTo(first.createdAt());
            assertThat(t.encryptions()).isZero();
        });
        assertThatThrownBy(() -> repository.initialise(new KeyringMeta(bytes(60), Optional.empty()), term(1, 0), T0))
                .isInstanceOf(KeyringConflictException.class);
    }

    @Test
    void termsComeBackInOrderAndATermIsAddedOnce() {
        repository.initialise(new KeyringMeta(bytes(60), Optional.empty()), term(1, 0), T0);
        repository.insertTerm(term(3, 0));
        repository.insertTerm(term(2, 7));

        assertThat(repository.findTerms()).extracting(WrappedTerm::term).containsExactly(1, 2, 3);
        assertThat(repository.findMeta().orElseThrow().kdf()).isEmpty();
        assertThatThrownBy(() -> repository.insertTerm(term(2, 0))).isInstanceOf(KeyringConflictException.class);
    }

    @Test
    void encryptionCountsAddUpAcrossFlushes() {
        repository.initialise(new KeyringMeta(bytes(60), Optional.empty()), term(1, 5), T0);
        repository.insertTerm(term(2, 0));

        repository.addEncryptions(Map.of(1, 10L, 2, 1L));
        repository.addEncryptions(Map.of(2, 2L));
        repository.addEncryptions(Map.of());

        assertThat(repository.findTerms()).extracting(WrappedTerm::encryptions).containsExactly(15L, 3L);
    }

    @Test
    void replaceWrappingSwapsEveryKeyOrNothing() {
        repository.initialise(new KeyringMeta(bytes(60), Optional.empty()), term(1, 0), T0);
        repository.insertTerm(term(2, 0));
        List<WrappedTerm> before = repository.findTerms();
        KeyringMeta newMeta = new KeyringMeta(bytes(60), Optional.empty());

        assertThatThrownBy(() -> repository.replaceWrapping(newMeta, List.of(term(1, 0)), T0))
                .isInstanceOf(KeyringConflictException.class);
        assertThat(repository.findTerms()).extracting(WrappedTerm::wrappedKey)
                .containsExactly(before.get(0).wrappedKey(), before.get(1).wrappedKey());

        List<WrappedTerm> rewrapped = List.of(term(1, 0), term(2, 0));
        repository.replaceWrapping(newMeta, rewrapped, T0.plusSeconds(60));
        assertThat(repository.findTerms()).extracting(WrappedTerm::wrappedKey)
                .containsExactly(rewrapped.get(0).wrappedKey(), rewrapped.get(1).wrappedKey());
        assertThat(repository.findMeta().orElseThrow().canary()).isEqualTo(newMeta.canary());
    }
}
