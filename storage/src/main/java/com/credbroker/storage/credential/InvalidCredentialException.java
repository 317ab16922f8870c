package com.credbroker.storage.credential;

/**
 * A credential record that breaks a domain rule (a scheme that cannot be {@code INITIATED}, an
 * {@code ACTIVE} record without its scheme's fields, …). Thrown by every write path, whether the
 * record came from an admin request, the connect flow or a refresh. The message names the rule and
 * never contains a submitted value, so it is safe to show to a caller.
 */
public final class InvalidCredentialException extends RuntimeException {
    public InvalidCredentialException(String message) {
        super(message, null, false, false);
    }
}
