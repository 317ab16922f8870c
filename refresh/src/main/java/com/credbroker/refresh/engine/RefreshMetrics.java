package com.credbroker.refresh.engine;

import com.credbroker.storage.credential.CredentialStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refresh meters: outcomes by class, trigger and auth config; latency of refreshes that called the
 * provider (a histogram); the due backlog and connections by status, sampled by each scan so that a
 * scrape never queries the database. Labels are fixed words and auth config IDs, never a secret.
 */
public final class RefreshMetrics {
    /** Shared with the broker's request-side series ({@code source="request"}); one name, one help text. */
    public static final String UNREADABLE = "credbroker.decryption.failures";
    public static final String UNREADABLE_HELP = "stored payloads that failed to decrypt (tampered, moved, or wrong key)";

    private final MeterRegistry registry;
    private final AtomicLong dueBacklog = new AtomicLong();
    private final Map<CredentialStatus, AtomicLong> byStatus = new EnumMap<>(CredentialStatus.class);

    public RefreshMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("credbroker.refresh.due.backlog", dueBacklog, AtomicLong::get)
                .description("connections due for a refresh at the last scan").register(registry);
        for (CredentialStatus status : CredentialStatus.values()) {
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder("credbroker.connections", count, AtomicLong::get).tag("status", status.name())
                    .description("connections by status at the last scan").register(registry);
        }
    }

    void outcome(RefreshOutcome outcome, RefreshTrigger trigger, String authConfigId, Duration elapsed) {
        String authConfig = authConfigId == null ? "none" : authConfigId;
        Counter.builder("credbroker.refresh.outcomes").description("refresh attempts by outcome")
                .tag("outcome", outcome.label()).tag("trigger", trigger.label()).tag("auth_config", authConfig)
                .register(registry).increment();
        if (outcome.calledProvider()) {
            Timer.builder("credbroker.refresh.latency").description("token request and commit, per refresh")
                    .tag("outcome", outcome.label()).publishPercentileHistogram()
                    .register(registry).record(elapsed);
        }
    }

    /** A claimed connection whose stored payload did not open (the {@code source="refresh"} series). */
    void unreadable() {
        Counter.builder(UNREADABLE).description(UNREADABLE_HELP).tag("source", "refresh").register(registry)
                .increment();
    }

    void sample(long due, Map<CredentialStatus, Long> statuses) {
        dueBacklog.set(due);
        statuses.forEach((status, count) -> byStatus.get(status).set(count));
    }

    /** In-flight and queued refreshes, read at scrape time. */
    void dispatcher(RefreshDispatcher dispatcher) {
        Gauge.builder("credbroker.refresh.in_flight", dispatcher, RefreshDispatcher::inFlight)
                .description("token requests in flight").register(registry);
        Gauge.builder("credbroker.refresh.queued", dispatcher, RefreshDispatcher::queued)
                .description("claimed refreshes waiting for a slot").register(registry);
    }
}
