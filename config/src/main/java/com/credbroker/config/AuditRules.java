package com.credbroker.config;

import static com.credbroker.config.ConfigKey.AUDIT_MAX_BYTES;
import static com.credbroker.config.ConfigKey.AUDIT_REFUSAL_MAX_CLIENTS;
import static com.credbroker.config.ConfigKey.AUDIT_REFUSAL_WINDOW;
import static com.credbroker.config.ConfigKey.AUDIT_RETENTION;
import static com.credbroker.config.ConfigKey.AUDIT_SEGMENT_AGE;
import static com.credbroker.config.ConfigKey.AUDIT_SEGMENT_BYTES;
import static com.credbroker.config.ConfigKey.DISK_LOW_BYTES;
import static com.credbroker.config.ConfigKey.DISK_MIN_BYTES;

import java.util.Optional;

/** Parses the audit and disk-space keys into an {@link AuditConfig}. */
final class AuditRules {
    private static final long GIB = 1024 * AuditConfig.MIB;

    private AuditRules() {
    }

    static AuditConfig audit(ValueParser parser, Problems problems) {
        Long segmentBytes = parser.longIn(AUDIT_SEGMENT_BYTES, 1, GIB);
        Optional<Long> maxBytes = Optional.ofNullable(parser.raw(AUDIT_MAX_BYTES).isPresent()
                ? parser.longIn(AUDIT_MAX_BYTES, 1, Long.MAX_VALUE) : null);
        AuditConfig config = new AuditConfig(
                parser.positiveDuration(AUDIT_REFUSAL_WINDOW),
                orZero(parser.intIn(AUDIT_REFUSAL_MAX_CLIENTS, 1, 1_000_000)),
                segmentBytes == null ? 0 : segmentBytes,
                parser.positiveDuration(AUDIT_SEGMENT_AGE),
                Optional.ofNullable(parser.raw(AUDIT_RETENTION).isPresent()
                        ? parser.positiveDuration(AUDIT_RETENTION) : null),
                maxBytes,
                orZero(parser.longIn(DISK_LOW_BYTES, 0, Long.MAX_VALUE)),
                orZero(parser.longIn(DISK_MIN_BYTES, 0, Long.MAX_VALUE)));
        if (config.diskMinBytes() > config.diskLowBytes()) {
            problems.add(DISK_MIN_BYTES.envName() + " must not exceed " + DISK_LOW_BYTES.envName());
        }
        if (segmentBytes != null && maxBytes.isPresent() && maxBytes.get() < 2 * segmentBytes) {
            problems.add(AUDIT_MAX_BYTES.envName() + " must be at least twice " + AUDIT_SEGMENT_BYTES.envName()
                    + " (the segment being written is never deleted)");
        }
        return config;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
