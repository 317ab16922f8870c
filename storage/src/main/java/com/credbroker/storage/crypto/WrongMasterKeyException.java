package com.credbroker.storage.crypto;

/**
 * The master key does not open this database's keyring (its canary or a wrapped data key failed to
 * authenticate). The message is fixed; it carries no key material.
 */
public final class WrongMasterKeyException extends RuntimeException {
    public WrongMasterKeyException() {
        super("master key does not match this database's keyring; supply the current master key (or passphrase):"
                + " the one the database was created with, or the one the last rotate-master-key put in its place");
    }
}
