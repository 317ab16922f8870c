package com.credbroker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The master key's source and the keyring's limits, a slice of {@link BrokerConfig}. Keys and defaults:
 * {@link ConfigTable}. At most one source is set after {@link ConfigLoader} (with none, the storage layer
 * may generate a key for the embedded database). Immutable; {@code toString()} shows no secret
 * ({@link Secret} is redacted).
 *
 * @param masterKey             base64 of 32 bytes
 * @param masterKeyFile         file holding the base64 master key
 * @param masterPassphrase      passphrase stretched with Argon2id
 * @param keyTermMaxEncryptions rotate the data key after this many encryptions
 * @param rewrapInterval        how often the background rewrap runs
 */
public record CryptoConfig(
        Optional<Secret> masterKey,
        Optional<Path> masterKeyFile,
        Optional<Secret> masterPassphrase,
        long keyTermMaxEncryptions,
        Duration rewrapInterval) {

    public CryptoConfig {
        masterKey = masterKey == null ? Optional.empty() : masterKey;
        masterKeyFile = masterKeyFile == null ? Optional.empty() : masterKeyFile;
        masterPassphrase = masterPassphrase == null ? Optional.empty() : masterPassphrase;
    }
}
