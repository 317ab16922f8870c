package com.credbroker.storage.crypto;

import com.credbroker.config.BrokerConfig;
import com.credbroker.config.ConfigTable;
import com.credbroker.config.Secret;
import java.nio.file.Path;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** Shared test fixtures for the crypto package: provider, databases, clocks, configs. */
final class CryptoFixtures {
    static final Provider BC = new BouncyCastleProvider();
    static final SecureRandom RANDOM = new SecureRandom();

    private CryptoFixtures() {
    }

    /** A fresh, migrated in-memory H2 database (kept alive while the JVM runs). */
    static DataSource migratedMemoryDb() {
        DataSource ds = memoryDb();
        migrate(ds);
        return ds;
    }

    static DataSource memoryDb() {
        return h2("jdbc:h2:mem:keyring-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    static DataSource h2(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return ds;
    }

    static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();
    }

    static KeyringService service(DataSource ds, MasterKey key, long maxEncryptions) {
        return service(new JdbcKeyringRepository(ds), key, maxEncryptions, Clock.systemUTC());
    }

    static KeyringService service(KeyringRepository repository, MasterKey key, long maxEncryptions, Clock clock) {
        return new KeyringService(repository, key, BC, RANDOM, clock, maxEncryptions);
    }

    static Cryptographer cryptographer(Keyring keyring) {
        return new Cryptographer(keyring, RANDOM, BC);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A SecureRandom that always yields the same bytes (for known-answer tests only). */
    static SecureRandom fixedRandom(byte[] output) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(output, 0, bytes, 0, bytes.length);
            }
        };
    }

    /** Builder for the few BrokerConfig fields master key resolution reads. */
    static final class ConfigBuilder {
        private Path dataDir = Path.of("data");
        private String dbUrl = "jdbc:h2:file:./data/credbroker";
        private Secret masterKey;
        private Path masterKeyFile;
        private Secret passphrase;

        ConfigBuilder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        ConfigBuilder dbUrl(String url) {
            this.dbUrl = url;
            return this;
        }

        ConfigBuilder masterKey(String value) {
            this.masterKey = Secret.of(value);
            return this;
        }

        ConfigBuilder masterKeyFile(Path file) {
            this.masterKeyFile = file;
            return this;
        }

        ConfigBuilder passphrase(String value) {
            this.passphrase = Secret.of(value);
            return this;
        }

        BrokerConfig build() {
            return BrokerConfig.builder()
                    .set(ConfigTable.DATA_DIR, dataDir)
                    .set(ConfigTable.DB_URL, dbUrl)
                    .set(ConfigTable.MASTER_KEY, Optional.ofNullable(masterKey))
                    .set(ConfigTable.MASTER_KEY_FILE, Optional.ofNullable(masterKeyFile))
                    .set(ConfigTable.MASTER_PASSPHRASE, Optional.ofNullable(passphrase))
                    .set(ConfigTable.KEY_TERM_MAX_ENCRYPTIONS, KeyringService.DEFAULT_MAX_ENCRYPTIONS_PER_TERM)
                    .build();
        }
    }

    /** Resolves the master key from the two slices of {@code config} master key resolution reads. */
    static MasterKey resolve(MasterKeySource source, BrokerConfig config,
            java.util.function.Supplier<Optional<PassphraseKdf>> storedKdf) {
        return source.resolve(config.crypto(), config.database(), storedKdf);
    }
}
