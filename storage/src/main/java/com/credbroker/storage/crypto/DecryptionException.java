package com.credbroker.storage.crypto;

/**
 * A payload could not be opened: wrong key, tampered bytes, or a payload moved to another row.
 * The message is fixed and generic; it never carries key material or plaintext.
 */
public class DecryptionException extends RuntimeException {
    public DecryptionException() {
        super("payload could not be decrypted");
    }

    /** For a refinement whose message is just as fixed and generic. */
    protected DecryptionException(String message) {
        super(message);
    }
}
