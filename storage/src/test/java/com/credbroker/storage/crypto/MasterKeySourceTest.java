package com.credbroker.storage.crypto;

import static com.credbroker.storage.crypto.CryptoFixtures.RANDOM;
import static com.credbroker.storage.crypto.CryptoFixtures.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.crypto.CryptoFixtures.ConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeySourceTest {
    private static final String KEY_B64 = Base64.getEncoder().encodeToString(randomBytes(32));

    private final MasterKeySource source = new MasterKeySource(RANDOM);

    @TempDir
    Path tmp;

    @Test
    void environmentKeyOfExactly32BytesIsAccepted() {
        MasterKey key = CryptoFixtures.resolve(source, new ConfigBuilder().masterKey(KEY_B64).build(), Optional::empty);

        assertThat(key).isEqualTo(MasterKey.of(Base64.getDecoder().decode(KEY_B64)));
        assertThat(key.toString()).isEqualTo("MasterKey[REDACTED]").doesNotContain(KEY_B64);
    }

    @Test
    void environmentKeyWithTrailingNewlineIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> CryptoFixtures.resolve(source, new ConfigBuilder().masterKey(KEY_B64 + "\n").build(), Optional::empty))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("CREDBROKER_MASTER_KEY")
                .hasMessageContaining("whitespace")
                .hasMessageNotContaining(KEY_B64);
    }

    @Test
    void environmentKeyOf31BytesIsRefusedWithoutEchoingIt() {
        String short31 = Base64.getEncoder().encodeToString(randomBytes(31));

        assertThatThrownBy(() -> CryptoFixtures.resolve(source, new ConfigBuilder().masterKey(short31).build(), Optional::empty))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("31 bytes")
                .hasMessageNotContaining(short31);
    }

    @Test
    void environmentKeyThatIsNotBase64IsRefusedWithoutEchoingIt() {
        String garbage = "not*base64*at*all*" + KEY_B64.substring(18);

        assertThatThrownBy(() -> CryptoFixtures.resolve(source, new ConfigBuilder().masterKey(garbage).build(), Optional::empty))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining(garbage);
    }

    @Test
    void moreThanOneSourceIsRefused() {
        var config = new ConfigBuilder().masterKey(KEY_B64).passphrase("correct horse").build();

        assertThatThrownBy(() -> CryptoFixtures.resolve(source, config, Optional::empty))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("CREDBROKER_MASTER_KEY, CREDBROKER_MASTER_PASSPHRASE")
                .hasMessageNotContaining(KEY_B64)
                .hasMessageNotContaining("correct horse");
    }

    @Test
    void keyFileMayEndWithOneNewline() throws Exception {
        Path file = Files.writeString(tmp.resolve("key"), KEY_B64 + "\n");

        MasterKey key = CryptoFixtures.resolve(source, new ConfigBuilder().masterKeyFile(file).build(), Optional::empty);

        assertThat(key).isEqualTo(MasterKey.of(Base64.getDecoder().decode(KEY_B64)));
    }

    @Test
    void keyFileWithTwoNewlinesIsRefusedWithoutEchoingIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("key"), KEY_B64 + "\n\n");

        assertThatThrownBy(() -> CryptoFixtures.resolve(source, new ConfigBuilder().masterKeyFile(file).build(), Optional::empty))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining(KEY_B64);
    }

    @Test
    void missingKeyFileIsRefusedClearly() {
        Path file = tmp.resolve("absent");

        assertThatThrownBy(() -> CryptoFixtures.resolve(source, new ConfigBuilder().masterKeyFile(file).build(), Optional::empty))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void passphraseGivesTheSameKeyTwiceWithTheStoredSalt() {
        var config = new ConfigBuilder().passphrase("correct horse battery staple").build();

        MasterKey first = CryptoFixtures.resolve(source, config, Optional::empty);
        MasterKey again = CryptoFixtures.resolve(source, config, () -> first.kdf());
        MasterKey otherSalt = CryptoFixtures.resolve(source, config, Optional::empty);

        assertThat(first.kdf()).hasValueSatisfying(kdf -> {
            assertThat(kdf.parameters()).isEqualTo("argon2id;v=19;m=65536;t=3;p=1");
            assertThat(kdf.salt()).hasSize(16);
        });
        assertThat(again).isEqualTo(first);
        assertThat(otherSalt).isNotEqualTo(first);
    }

    @Test
    void storedKdfParametersParseBack() {
        PassphraseKdf kdf = PassphraseKdf.generate(RANDOM);

        assertThat(PassphraseKdf.parse(kdf.salt(), kdf.parameters())).isEqualTo(kdf);
    }

    @Test
    void embeddedDefaultGeneratesAPrivateKeyFileAndReusesIt() throws Exception {
        Path dataDir = tmp.resolve("data");
        var config = new ConfigBuilder().dataDir(dataDir).build();

        MasterKey generated = CryptoFixtures.resolve(source, config, Optional::empty);
        MasterKey reused = CryptoFixtures.resolve(source, config, Optional::empty);

        Path file = dataDir.resolve(MasterKeySource.GENERATED_FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(reused).isEqualTo(generated);
    }

    @Test
    void noSourceIsRefusedForAnExternalDatabase() {
        var config = new ConfigBuilder().dataDir(tmp).dbUrl("jdbc:postgresql://db/credbroker").build();

        assertThatThrownBy(() -> CryptoFixtures.resolve(source, config, Optional::empty))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("no master key");
        assertThat(tmp.resolve(MasterKeySource.GENERATED_FILE_NAME)).doesNotExist();
    }

    @Test
    void storedSaltIsOnlyConsultedForPassphrases() {
        AtomicReference<Boolean> asked = new AtomicReference<>(false);

        CryptoFixtures.resolve(source, new ConfigBuilder().masterKey(KEY_B64).build(), () -> {
            asked.set(true);
            return Optional.empty();
        });

        assertThat(asked.get()).isFalse();
    }
}
