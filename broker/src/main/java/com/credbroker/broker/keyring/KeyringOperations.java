package com.credbroker.broker.keyring;

/** What the HTTP layer may do with the keyring; {@code rotate()} also starts the background rewrap. */
public interface KeyringOperations {

    int activeTerm();

    /** Adds a new term; new writes use it at once and a background rewrap moves the old rows. */
    int rotate();

    /** Payloads still sealed under an older term. */
    long pendingRewrap();
}
