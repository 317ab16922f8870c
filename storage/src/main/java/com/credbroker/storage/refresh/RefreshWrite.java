package com.credbroker.storage.refresh;

import com.credbroker.storage.credential.Credential;
import java.time.Instant;
import java.util.Objects;

/**
 * What a finished refresh stores, decided from the current row inside the completing transaction.
 *
 * @param credential  the record to store (its version is ignored: the store writes current + 1; its
 *                    credential ID, connection ID and created-at are ignored too: the stored ones are kept)
 * @param failures    consecutive transient failures so far (0 after a success or a final outcome)
 * @param retryAfter  no scheduled or read-time attempt before this instant; null = no restriction
 */
public record RefreshWrite(Credential credential, int failures, Instant retryAfter) {

    public RefreshWrite {
        Objects.requireNonNull(credential, "credential");
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative");
        }
    }
}
