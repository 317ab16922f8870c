package com.credbroker.broker.backup;

import com.credbroker.storage.crypto.ArchiveKey;
import com.credbroker.storage.crypto.MasterKey;
import com.credbroker.storage.crypto.PassphraseKdf;
import java.util.Optional;

/**
 * What a backup needs from the master key: the derived archive key, and the passphrase KDF (salt and cost)
 * when the master key comes from a passphrase, so a restore can derive the same key before it trusts anything.
 */
public record ArchiveSigner(ArchiveKey key, Optional<PassphraseKdf> kdf) {
    public static ArchiveSigner of(MasterKey masterKey) {
        return new ArchiveSigner(ArchiveKey.derive(masterKey), masterKey.kdf());
    }
}
