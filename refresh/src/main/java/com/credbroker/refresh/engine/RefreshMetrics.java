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

    /**
     * The latency histogram's buckets: from a fast provider's answer to the read timeout's neighbourhood, a
     * handful an operator reads at a glance (Micrometer's percentile histogram has 69).
     */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30)};
    private static final String NO_AUTH_CONFIG = "none";

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
        registerKnownOutcomes();
        unreadableCounter();
    }

    void outcome(RefreshOutcome outcome, RefreshTrigger trigger, String authConfigId, Duration elapsed) {
        outcomes(outcome, trigger, authConfigId == null ? NO_AUTH_CONFIG : authConfigId).increment();
        if (outcome.calledProvider()) {
            latency(outcome).record(elapsed);
        }
    }

    /**
     * Every outcome and trigger exists at zero from the start (under {@code auth_config="none"}, the series
     * of connections without one), and so does the latency of every outcome that calls the provider: an
     * {@code absent()} alert does not fire on an idle broker, and {@code rate()} has a first sample.
     */
    private void registerKnownOutcomes() {
        for (RefreshOutcome outcome : RefreshOutcome.values()) {
            for (RefreshTrigger trigger : RefreshTrigger.values()) {
                outcomes(outcome, trigger, NO_AUTH_CONFIG);
            }
            if (outcome.calledProvider()) {
                latency(outcome);
            }
        }
    }

    private Counter outcomes(RefreshOutcome outcome, RefreshTrigger trigger, String authConfig) {
        return Counter.builder("credbroker.refresh.outcomes").description("refresh attempts by outcome")
                .tag("outcome", outcome.label()).tag("trigger", trigger.label()).tag("auth_config", authConfig)
                .register(registry);
    }

    private Timer latency(RefreshOutcome outcome) {
        return Timer.builder("credbroker.refresh.latency").description("token request and commit, per refresh")
                .tag("outcome", outcome.label()).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    /** A claimed connection whose stored payload did not open (the {@code source="refresh"} series). */
    void unreadable() {
        unreadableCounter().increment();
    }

    private Counter unreadableCounter() {
        return Counter.builder(UNREADABLE).description(UNREADABLE_HELP).tag("source", "refresh").register(registry);
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
