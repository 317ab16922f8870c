package com.credbroker.refresh.connectioncheck;

import com.credbroker.storage.connectioncheck.CheckResult;

/**
 * What one connection test found.
 *
 * @param check      the verdict to record (status, coded reason, last HTTP status, when)
 * @param refreshed  true when a 401 made the checker refresh the token (and retry once)
 */
public record CheckOutcome(CheckResult check, boolean refreshed) {
}
