package com.credbroker.broker.metrics;

import com.credbroker.refresh.engine.RefreshMetrics;
import com.credbroker.storage.crypto.TamperedRows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The broker's meters, scraped at {@code /metrics} in Prometheus format. Labels are fixed words
 * (outcomes, reasons), never IDs, values or anything a caller sent. Every known outcome's series exists
 * at zero from the start, so that an {@code absent()} alert stays quiet on an idle broker.
 */
public final class BrokerMetrics {
    /** The lookup outcomes: the two successes and the error codes a lookup is refused with. */
    static final List<String> LOOKUP_OUTCOMES = List.of("success", "success_redacted", "not_found", "unauthorized",
            "forbidden", "bad_request", "too_many_requests", "key_in_url", "unavailable");
    /** The connection test results: the health verdicts, a refusal before the test, an error during it. */
    static final List<String> TEST_RESULTS = List.of("healthy", "unhealthy", "unknown", "refused", "error");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentMap<String, Counter> lookups = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> tests = new ConcurrentHashMap<>();
    private final Counter decryptionFailures;
    private final Counter auditFailures;

    public BrokerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        decryptionFailures = Counter.builder(RefreshMetrics.UNREADABLE).description(RefreshMetrics.UNREADABLE_HELP)
                .tag("source", "request").register(registry);
        auditFailures = Counter.builder("credbroker.audit.failures")
                .description("operations refused because their audit record could not be written")
                .register(registry);
        LOOKUP_OUTCOMES.forEach(this::lookupCounter);
        TEST_RESULTS.forEach(this::testCounter);
    }

    /** Counts a credential lookup by outcome: success, success_redacted, not_found, denied, … */
    public void lookup(String outcome) {
        lookupCounter(outcome).increment();
    }

    /** Counts a connection test by result: healthy, unhealthy, unknown, refused, error. */
    public void connectionTest(String result) {
        testCounter(result).increment();
    }

    private Counter lookupCounter(String outcome) {
        return lookups.computeIfAbsent(outcome, o -> Counter.builder("credbroker.lookups")
                .description("credential lookups by outcome").tag("outcome", o).register(registry));
    }

    private Counter testCounter(String result) {
        return tests.computeIfAbsent(result, r -> Counter.builder("credbroker.connection.tests")
                .description("connection tests by result").tag("result", r).register(registry));
    }

    public void decryptionFailed() {
        decryptionFailures.increment();
    }

    public void auditFailed() {
        auditFailures.increment();
    }

    /**
     * {@code credbroker_tampered_rows_total{table}}: rows refused because they failed their authentication
     * under the keyring (written around the broker). Labelled by table only.
     */
    public void tamperedRows(TamperedRows tampered) {
        for (String table : TamperedRows.TABLES) {
            FunctionCounter.builder("credbroker.tampered.rows", tampered, t -> t.count(table))
                    .description("stored rows refused because they failed authentication under the keyring")
                    .tag("table", table).register(registry);
        }
    }

    /** A gauge read at scrape time (cache size, audit queue…). */
    public void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }
}
