package com.credbroker.storage.connectioncheck;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one connection test. Holds no secret and no response body.
 *
 * @param reason      a coded reason such as {@code http_401_after_refresh: …}; null when healthy
 * @param httpStatus  the status of the last test response, or null when there was none
 */
public record CheckResult(CheckVerdict status, String reason, Integer httpStatus, Instant checkedAt) {

    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }
}
