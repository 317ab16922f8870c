package com.credbroker.storage.crypto;

/**
 * The master key could not be resolved: missing, ambiguous, or malformed. The message names the
 * source (an environment variable or a file path) and the problem, never the key or passphrase.
 */
public final class MasterKeyException extends RuntimeException {
    public MasterKeyException(String message) {
        super(message);
    }

    public MasterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
