package com.credbroker.storage.refresh;

import com.credbroker.storage.credential.Credential;
import java.time.Instant;

/**
 * What a finished refresh stores, decided from the current row inside the completing transaction.
 *
 * @param credential  the record to store (its version is ignored: the store writes current + 1)
 * @param failures    consecutive transient failures so far (0 after a success or a final outcome)
 * @param retryAfter  no scheduled or read-time attempt before this instant; null = no restriction
 */
public record RefreshWrite(Credential credential, int failures, Instant retryAfter) {
}
