package com.credbroker.storage.crypto;

import java.util.Optional;

/**
 * The keyring's single metadata row: the canary sealed under the master key and, for a
 * passphrase-derived master key, its Argon2id salt and parameters. Holds no secret.
 */
public record KeyringMeta(byte[] canary, Optional<PassphraseKdf> kdf) {
    public KeyringMeta {
        canary = canary.clone();
    }

    @Override
    public byte[] canary() {
        return canary.clone();
    }

    @Override
    public String toString() {
        return "KeyringMeta[kdf=" + kdf + "]";
    }
}
