package com.credbroker.storage.refresh;

import com.credbroker.storage.credential.Credential;

/**
 * A claimed row as read with (or after) its claim. Writes made from it ({@link RefreshStore#markSent},
 * {@link RefreshStore#completeUnchanged}) apply only while the row is still at
 * {@code credential.version()}: an admin write in between makes them refuse, and the refresher reads
 * the row again.
 *
 * @param credential        the record, decrypted
 * @param failures          consecutive transient failures
 * @param authConfigVersion the version of the connection's auth config when read, or -1 when unknown
 */
public record ClaimSnapshot(Credential credential, int failures, long authConfigVersion) {
    public static final long UNKNOWN_VERSION = -1;
}
