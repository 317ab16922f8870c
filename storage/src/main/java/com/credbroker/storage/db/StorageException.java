package com.credbroker.storage.db;

/**
 * A database operation failed. The message is fixed per operation and never carries a bound value,
 * a payload or a secret; the cause (kept for server-side logs) is the driver's exception.
 */
public final class StorageException extends RuntimeException {
    public StorageException(String operation, Throwable cause) {
        super("database error during " + operation, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
