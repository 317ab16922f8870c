package com.credbroker.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Audit trail and disk-space settings, part of {@link BrokerConfig}. Built by {@link ConfigLoader};
 * immutable. Nothing here is secret.
 *
 * @param refusalWindow     refused unauthenticated requests of one client and reason are written as one
 *                          record per window ({@code CREDBROKER_AUDIT_REFUSAL_WINDOW}, PT1M)
 * @param refusalMaxClients distinct clients (and reasons) a window counts separately; the rest share one
 *                          overflow record ({@code CREDBROKER_AUDIT_REFUSAL_MAX_CLIENTS}, 1000)
 * @param segmentBytes      an audit segment file is closed and a new one started past this size
 *                          ({@code CREDBROKER_AUDIT_SEGMENT_BYTES}, 64 MiB)
 * @param segmentAge        ... or once its first record is this old ({@code CREDBROKER_AUDIT_SEGMENT_AGE}, P1D)
 * @param retention         closed segments whose records are all older than this are deleted
 *                          ({@code CREDBROKER_AUDIT_RETENTION}; empty: kept forever)
 * @param maxBytes          oldest closed segments are deleted while the trail is larger than this
 *                          ({@code CREDBROKER_AUDIT_MAX_BYTES}; empty: no bound)
 * @param diskLowBytes      {@code /health/ready} warns when the data directory's file system has less free
 *                          space ({@code CREDBROKER_DISK_LOW_BYTES}, 1 GiB)
 * @param diskMinBytes      ... and reports not ready below this ({@code CREDBROKER_DISK_MIN_BYTES}, 64 MiB)
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

    public AuditConfig {
        retention = retention == null ? Optional.empty() : retention;
        maxBytes = maxBytes == null ? Optional.empty() : maxBytes;
    }

    /** The built-in defaults, as documented on each component. */
    public static AuditConfig defaults() {
        return new AuditConfig(Duration.ofMinutes(1), 1_000, 64 * MIB, Duration.ofDays(1), Optional.empty(),
                Optional.empty(), 1024 * MIB, 64 * MIB);
    }
}
