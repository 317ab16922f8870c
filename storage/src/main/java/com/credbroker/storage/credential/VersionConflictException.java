package com.credbroker.storage.credential;

/**
 * A versioned update lost the race to concurrent writes every time it was tried ({@link OptimisticUpdate}):
 * the record is being changed by someone else; the caller may retry. The message names the kind of record,
 * never a value, so it is safe to show to a caller.
 */
public final class VersionConflictException extends RuntimeException {
    public VersionConflictException(String message) {
        super(message, null, false, false);
    }
}
