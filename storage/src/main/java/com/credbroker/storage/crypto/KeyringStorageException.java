package com.credbroker.storage.crypto;

/** A database error while reading or writing the keyring. Wraps the JDBC cause; carries no key material. */
public final class KeyringStorageException extends RuntimeException {
    public KeyringStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
