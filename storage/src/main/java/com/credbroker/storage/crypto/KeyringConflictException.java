package com.credbroker.storage.crypto;

/** The keyring changed underneath a write (another node initialised or rotated it). No secret inside. */
public final class KeyringConflictException extends RuntimeException {
    public KeyringConflictException(String message) {
        super(message);
    }
}
