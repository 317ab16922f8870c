package com.credbroker.storage.crypto;

import static com.credbroker.storage.crypto.CryptoFixtures.RANDOM;
import static com.credbroker.storage.crypto.CryptoFixtures.migratedMemoryDb;
import static com.credbroker.storage.crypto.CryptoFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.config.Secret;
import com.credbroker.storage.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class KeyringServiceTest {
    private static final long NO_AUTO_ROTATION = KeyringService.DEFAULT_MAX_ENCRYPTIONS_PER_TERM;
    private static final String AAD = "connection:cred_1";

    private final DataSource db = migratedMemoryDb();
    private final JdbcKeyringRepository repository = new JdbcKeyringRepository(db);
    private final MasterKey masterKey = MasterKey.generate(RANDOM);

    @Test
    void verifyReportsUninitialisedWhenTheKeyringTablesDoNotExist() {
        KeyringService service = service(CryptoFixtures.memoryDb(), masterKey, NO_AUTO_ROTATION);

        assertThat(service.verifyMasterKey()).isEqualTo(KeyringState.UNINITIALISED);
    }

    @Test
    void firstOpenCreatesTermOneAndTheCanary() {
        Cryptographer cryptographer = service(db, masterKey, NO_AUTO_ROTATION).open();

        assertThat(cryptographer.keyring().activeTerm()).isEqualTo(1);
        assertThat(repository.findTerms()).extracting(WrappedTerm::term).containsExactly(1);
        assertThat(repository.findMeta()).isPresent();
        assertThat(service(db, masterKey, NO_AUTO_ROTATION).verifyMasterKey()).isEqualTo(KeyringState.VERIFIED);
    }

    @Test
    void reopeningWithTheSameKeyReadsEarlierPayloads() {
        byte[] sealed = service(db, masterKey, NO_AUTO_ROTATION).open().seal(bytes("token"), AAD);

        Cryptographer reopened = service(db, masterKey, NO_AUTO_ROTATION).open();

        assertThat(reopened.open(sealed, AAD)).asString(StandardCharsets.UTF_8).isEqualTo("token");
    }

    @Test
    void wrongMasterKeyIsRefusedAndChangesNoRow() {
        service(db, masterKey, NO_AUTO_ROTATION).open();
        List<WrappedTerm> termsBefore = repository.findTerms();
        byte[] canaryBefore = repository.findMeta().orElseThrow().canary();
        KeyringService wrong = service(db, MasterKey.generate(RANDOM), NO_AUTO_ROTATION);

        assertThatThrownBy(wrong::verifyMasterKey)
                .isInstanceOf(WrongMasterKeyException.class)
                .hasMessageStartingWith("master key does not match this database's keyring");
        assertThatThrownBy(wrong::open).isInstanceOf(WrongMasterKeyException.class);
        assertThatThrownBy(() -> wrong.rotateMasterKey(MasterKey.generate(RANDOM)))
                .isInstanceOf(WrongMasterKeyException.class);

        assertThat(repository.findTerms()).usingRecursiveFieldByFieldElementComparator().isEqualTo(termsBefore);
        assertThat(repository.findMeta().orElseThrow().canary()).isEqualTo(canaryBefore);
    }

    @Test
    void rotationAddsATermAndOldPayloadsStillOpen() {
        KeyringService service = service(db, masterKey, NO_AUTO_ROTATION);
        Cryptographer cryptographer = service.open();
        byte[] old = cryptographer.seal(bytes("old"), AAD);

        assertThat(service.rotate()).isEqualTo(2);
        byte[] fresh = cryptographer.seal(bytes("new"), AAD);

        assertThat(Cryptographer.termOf(fresh)).isEqualTo(2);
        Cryptographer reopened = service(db, masterKey, NO_AUTO_ROTATION).open();
        assertThat(reopened.open(old, AAD)).asString(StandardCharsets.UTF_8).isEqualTo("old");
        assertThat(reopened.open(fresh, AAD)).asString(StandardCharsets.UTF_8).isEqualTo("new");
    }

    @Test
    void masterKeyRotationKeepsDataReadableAndRetiresTheOldKey() {
        KeyringService service = service(db, masterKey, NO_AUTO_ROTATION);
        byte[] sealed = service.open().seal(bytes("token"), AAD);
        service.rotate();
        MasterKey newKey = MasterKey.generate(RANDOM);

        service.rotateMasterKey(newKey);

        assertThatThrownBy(() -> service(db, masterKey, NO_AUTO_ROTATION).verifyMasterKey())
                .isInstanceOf(WrongMasterKeyException.class);
        Cryptographer reopened = service(db, newKey, NO_AUTO_ROTATION).open();
        assertThat(reopened.open(sealed, AAD)).asString(StandardCharsets.UTF_8).isEqualTo("token");
        assertThat(reopened.keyring().activeTerm()).isEqualTo(2);
    }

    @Test
    void passphraseSaltIsStoredSoTheSamePassphraseOpensTheKeyringAgain() {
        MasterKeySource source = new MasterKeySource(RANDOM);
        var config = new CryptoFixtures.ConfigBuilder().passphrase("correct horse battery staple").build();
        MasterKey derived = CryptoFixtures.resolve(source, config, () -> repository.findMeta().flatMap(KeyringMeta::kdf));
        byte[] sealed = service(db, derived, NO_AUTO_ROTATION).open().seal(bytes("token"), AAD);

        MasterKey again = CryptoFixtures.resolve(source, config, () -> repository.findMeta().flatMap(KeyringMeta::kdf));

        assertThat(service(db, again, NO_AUTO_ROTATION).open().open(sealed, AAD))
                .asString(StandardCharsets.UTF_8).isEqualTo("token");
        assertThat(repository.findMeta().orElseThrow().kdf()).isEqualTo(derived.kdf());
        assertThat(Secret.of("correct horse battery staple").toString()).isEqualTo("[REDACTED]");
    }

    @Test
    void automaticRotationTriggersWhenTheActiveTermReachesItsLimit() {
        KeyringService service = service(db, masterKey, 5);
        Cryptographer cryptographer = service.open();

        for (int i = 0; i < 4; i++) {
            cryptographer.seal(bytes("x"), AAD);
        }
        assertThat(cryptographer.keyring().activeTerm()).isEqualTo(1);
        byte[] fifth = cryptographer.seal(bytes("x"), AAD);
        byte[] sixth = cryptographer.seal(bytes("x"), AAD);

        assertThat(Cryptographer.termOf(fifth)).isEqualTo(1);
        assertThat(Cryptographer.termOf(sixth)).isEqualTo(2);
        assertThat(repository.findTerms()).extracting(WrappedTerm::term).containsExactly(1, 2);
    }

    @Test
    void encryptionCountsArePersistedOnFlushAndCountTowardsTheLimitAfterRestart() {
        KeyringService first = service(db, masterKey, 10);
        Cryptographer cryptographer = first.open();
        for (int i = 0; i < 6; i++) {
            cryptographer.seal(bytes("x"), AAD);
        }
        assertThat(repository.findTerms().get(0).encryptions()).isZero(); // no write per encryption
        first.close();
        assertThat(repository.findTerms().get(0).encryptions()).isEqualTo(6);

        KeyringService restarted = service(db, masterKey, 10);
        Cryptographer again = restarted.open();
        for (int i = 0; i < 4; i++) {
            again.seal(bytes("x"), AAD);
        }

        assertThat(again.keyring().activeTerm()).isEqualTo(2);
        assertThat(restarted.encryptions(1)).isEqualTo(10);
    }

    @Test
    void aNodeReloadsTheKeyringWhenItMeetsATermAnotherNodeCreated() {
        MutableClock clock = new MutableClock();
        KeyringService nodeA = service(repository, masterKey, NO_AUTO_ROTATION, clock);
        KeyringService nodeB = service(repository, masterKey, NO_AUTO_ROTATION, clock);
        nodeA.open();
        Cryptographer b = nodeB.open();

        nodeA.rotate();
        byte[] sealedByA = nodeA.cryptographer().seal(bytes("from A"), AAD);

        assertThat(b.open(sealedByA, AAD)).asString(StandardCharsets.UTF_8).isEqualTo("from A");
        assertThat(b.keyring().activeTerm()).isEqualTo(2);
    }

    @Test
    void reloadsForUnknownTermsAreRateLimited() {
        MutableClock clock = new MutableClock();
        KeyringService nodeA = service(repository, masterKey, NO_AUTO_ROTATION, clock);
        KeyringService nodeB = service(repository, masterKey, NO_AUTO_ROTATION, clock);
        nodeA.open();
        Cryptographer b = nodeB.open();
        clock.advance(Duration.ofMinutes(1));
        byte[] forged = b.seal(bytes("x"), AAD);
        java.nio.ByteBuffer.wrap(forged).putInt(1, 99);
        assertThatThrownBy(() -> b.open(forged, AAD)).isInstanceOf(DecryptionException.class);

        nodeA.rotate();
        byte[] sealedByA = nodeA.cryptographer().seal(bytes("from A"), AAD);
        assertThatThrownBy(() -> b.open(sealedByA, AAD)).isInstanceOf(DecryptionException.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(b.open(sealedByA, AAD)).asString(StandardCharsets.UTF_8).isEqualTo("from A");
    }

    @Test
    void concurrentRotationOnAnotherNodeIsAdoptedInsteadOfFailing() {
        KeyringService nodeA = service(db, masterKey, NO_AUTO_ROTATION);
        KeyringService nodeB = service(db, masterKey, NO_AUTO_ROTATION);
        nodeA.open();
        nodeB.open();
        nodeA.rotate();

        assertThat(nodeB.rotate()).isEqualTo(2);
        assertThat(nodeB.cryptographer().keyring().activeTerm()).isEqualTo(2);
        assertThat(repository.findTerms()).hasSize(2);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
