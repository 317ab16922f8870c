package com.credbroker.broker.audit;

import com.credbroker.storage.audit.AuditEntry;
import com.credbroker.storage.audit.RefusalCount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a flood of refused requests into a few audit records: refusals are counted per (client,
 * action, outcome) within a window, and each group becomes ONE record carrying the count and the
 * first and last time when the window ends. A window keeps at most {@code maxGroups} groups; further
 * refusals (a flood from many addresses) are counted in one overflow record (client {@code *}).
 * The connection ID is kept when every refusal of a group named the same one. Memory is bounded by
 * {@code maxGroups}; the records of a window are at most {@code maxGroups + 1}. Time comes from the
 * injected clock. Thread-safe.
 */
final class RefusalAggregator {
    static final String OVERFLOW_CLIENT = "*";

    private final Clock clock;
    private final Duration window;
    private final int maxGroups;
    private Map<Key, Group> groups = new LinkedHashMap<>();
    private Group overflow;
    private Instant windowStart;

    RefusalAggregator(Clock clock, Duration window, int maxGroups) {
        this.clock = clock;
        this.window = window;
        this.maxGroups = maxGroups;
    }

    /** Counts one refusal; returns the records of a window that ended before it (usually none). */
    synchronized List<AuditEntry> refused(String client, String action, String connectionId, String outcome) {
        Instant now = clock.instant();
        List<AuditEntry> ended = windowEnded(now) ? drain(now) : List.of();
        if (windowStart == null) {
            windowStart = now;
        }
        Key key = new Key(client == null ? "unknown" : client, action, outcome);
        Group group = groups.get(key);
        if (group == null && groups.size() < maxGroups) {
            group = new Group(key, connectionId, now);
            groups.put(key, group);
        } else if (group == null) {
            if (overflow == null) {
                overflow = new Group(new Key(OVERFLOW_CLIENT, AuditAction.REFUSAL_OVERFLOW.wireName(), "refused"), null, now);
            }
            group = overflow;
        }
        group.add(connectionId, now);
        return ended;
    }

    /** The records of the current window if it has ended by now (the periodic flush). */
    synchronized List<AuditEntry> flushDue() {
        Instant now = clock.instant();
        return windowEnded(now) ? drain(now) : List.of();
    }

    /** Every pending record, window ended or not (shutdown). */
    synchronized List<AuditEntry> flushAll() {
        return drain(clock.instant());
    }

    private boolean windowEnded(Instant now) {
        return windowStart != null && !now.isBefore(windowStart.plus(window));
    }

    private List<AuditEntry> drain(Instant now) {
        List<AuditEntry> records = new ArrayList<>(groups.size() + 1);
        for (Group group : groups.values()) {
            records.add(group.entry(now));
        }
        if (overflow != null) {
            records.add(overflow.entry(now));
        }
        groups = new LinkedHashMap<>();
        overflow = null;
        windowStart = null;
        return records;
    }

    private record Key(String client, String action, String outcome) {
    }

    private static final class Group {
        private final Key key;
        private String connectionId;
        private boolean mixedConnections;
        private final Instant first;
        private Instant last;
        private long count;

        Group(Key key, String connectionId, Instant first) {
            this.key = key;
            this.connectionId = connectionId;
            this.first = first;
            this.last = first;
        }

        void add(String connection, Instant at) {
            if (!Objects.equals(connection, connectionId)) {
                mixedConnections = true;
            }
            count++;
            last = at;
        }

        AuditEntry entry(Instant now) {
            return new AuditEntry(now, null, key.action(), mixedConnections ? null : connectionId, key.outcome(), null,
                    new RefusalCount(key.client(), count, first, last));
        }
    }
}
