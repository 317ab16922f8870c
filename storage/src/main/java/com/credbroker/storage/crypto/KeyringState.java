package com.credbroker.storage.crypto;

/** What {@link KeyringService#verifyMasterKey()} found. A wrong key is an exception, not a state. */
public enum KeyringState {
    /** No keyring yet (fresh database, or migrations not run): {@code open()} will create one. */
    UNINITIALISED,
    /** The keyring exists and the master key opens its canary. */
    VERIFIED
}
