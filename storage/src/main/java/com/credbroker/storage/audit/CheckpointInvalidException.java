package com.credbroker.storage.audit;

/** The stored audit checkpoint does not authenticate under the keyring: altered, or from another database. */
public final class CheckpointInvalidException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointInvalidException(String where) {
        super("the audit checkpoint in " + where + " does not authenticate under this keyring: it was altered,"
                + " or copied from another installation");
    }
}
