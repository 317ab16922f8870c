package com.credbroker.storage.db;

/**
 * A listing cursor this store did not issue (not decodable, or not a position). A caller's mistake, not a
 * storage failure; the message is fixed and never repeats the cursor.
 */
public final class InvalidCursorException extends IllegalArgumentException {
    public InvalidCursorException() {
        super("invalid cursor");
    }
}
