package com.credbroker.storage.backup;

/**
 * A backup or restore was refused: the archive is not authentic, not a backup, too large, inflates past a
 * bound, or does not fit this broker's schema; or the target is not empty. The message is one line for an
 * operator, names no secret and echoes nothing read from the archive.
 */
public final class BackupRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackupRefusedException(String message) {
        super(message);
    }

    public BackupRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
