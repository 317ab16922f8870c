package com.credbroker.refresh.health;

import com.credbroker.storage.health.HealthCheck;

/**
 * What one connection test found.
 *
 * @param check      the verdict to record (status, coded reason, last HTTP status, when)
 * @param refreshed  true when a 401 made the tester refresh the token (and retry once)
 */
public record TestOutcome(HealthCheck check, boolean refreshed) {
}
