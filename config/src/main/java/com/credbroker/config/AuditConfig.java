package com.credbroker.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Audit trail and disk-space settings, a slice of {@link BrokerConfig}. Keys and defaults:
 * {@link ConfigTable}. Built by {@link ConfigLoader}; immutable. Nothing here is secret.
 *
 * @param refusalWindow     refused unauthenticated requests of one client and reason are written as one
 *                          record per window
 * @param refusalMaxClients distinct clients (and reasons) a window counts separately; the rest share one
 *                          overflow record
 * @param segmentBytes      an audit segment file is closed and a new one started past this size
 * @param segmentAge        ... or once its first record is this old
 * @param retention         closed segments whose records are all older than this are deleted
 * @param maxBytes          oldest closed segments are deleted while the trail is larger than this
 * @param diskLowBytes      {@code /health/ready} warns when the data directory's file system has less free
 *                          space
 * @param diskMinBytes      ... and reports not ready below this
 */
public record AuditConfig(
        Duration refusalWindow,
        int refusalMaxClients,
        long segmentBytes,
        Duration segmentAge,
        Optional<Duration> retention,
        Optional<Long> maxBytes,
        long diskLowBytes,
        long diskMinBytes) {

    public static final long MIB = 1024L * 1024;

    /** The built-in defaults of {@link ConfigTable}. */
    public static AuditConfig defaults() {
        return BrokerConfig.builder().build().audit();
    }

    public AuditConfig {
        retention = retention == null ? Optional.empty() : retention;
        maxBytes = maxBytes == null ? Optional.empty() : maxBytes;
    }
}
