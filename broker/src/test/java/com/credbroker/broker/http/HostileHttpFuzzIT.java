package com.credbroker.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.credbroker.broker.BrokerApp;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;

/**
 * Property-based fuzzing of every served route (the broker's own route table, which the OpenAPI test
 * holds equal to the document) through a raw socket: generated paths, query strings, headers and bodies.
 * Whatever is sent: no 5xx, no stack trace or HTML page, a JSON error for every 4xx, no planted secret
 * echoed in an error or written to a log, and the heap after GC no larger at the end than a bound.
 * Cases per run: {@code jqwik.tries.default} ({@code fuzz.tries} in the broker pom; {@code -Pfuzz} raises it).
 */
class HostileHttpFuzzIT {
    static final String STORED = "CANARYstored5d2e8f10";
    static final long HEAP_GROWTH_BOUND = 48L * 1024 * 1024;

    static Path dataDir;
    static RunningBroker broker;
    static List<RouteTable.Route> routes;
    static final LogWatch LOGS = new LogWatch();
    static final AtomicLong CASES = new AtomicLong();
    static final Map<Integer, AtomicLong> STATUSES = new java.util.concurrent.ConcurrentSkipListMap<>();
    static long heapBefore;

    @BeforeContainer
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("credbroker-fuzz");
        root().addAppender(LOGS);
        LOGS.start();
        broker = new RunningBroker(dataDir, Map.of("CREDBROKER_AUTH_FAILURE_LIMIT", "100000000"),
                new HttpLimits(Duration.ofSeconds(2)));
        routes = BrokerApp.routes(broker.broker().app());
        assertThat(broker.http.post(Fixtures.CREDENTIALS, RunningBroker.admin(),
                Fixtures.oauth2("conn_planted", STORED, 3600)).statusCode()).isEqualTo(201);
        heapBefore = usedHeapAfterGc();
    }

    @AfterContainer
    static void stop() throws IOException {
        long heapAfter = usedHeapAfterGc();
        try {
            broker.close();
        } finally {
            root().detachAppender(LOGS);
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Logger report = (Logger) LoggerFactory.getLogger(HostileHttpFuzzIT.class);
        report.info("fuzz: {} cases over {} routes, statuses {}; used heap after GC {} MiB before, {} MiB after",
                CASES.get(), routes.size(), STATUSES, heapBefore >> 20, heapAfter >> 20);
        assertThat(LOGS.leaks).as("log lines holding a planted secret").isEmpty();
        assertThat(heapAfter - heapBefore).as("heap growth after GC").isLessThan(HEAP_GROWTH_BOUND);
    }

    @Provide
    Arbitrary<FuzzRequests.Wire> requests() {
        return FuzzRequests.requests(routes);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.MIXIN)
    void anyRequestGetsANonServerErrorWithoutLeaks(@ForAll("requests") FuzzRequests.Wire request) throws Exception {
        CASES.incrementAndGet();
        RawExchange response = RawExchange.send(broker.port(), request.bytes(), 15_000);
        STATUSES.computeIfAbsent(response.status(), s -> new AtomicLong()).incrementAndGet();

        assertThat(response.timedOut()).as("server neither answered nor closed").isFalse();
        assertThat(response.status()).as(response.head()).isBetween(100, 499);
        assertThat(response.all()).doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContainIgnoringCase("<html").doesNotContain(RunningBroker.ADMIN_KEY);
        if (response.status() >= 300) {
            assertThat(response.all()).doesNotContain(FuzzRequests.CANARY).doesNotContain(STORED);
            assertThat(response.header("X-Request-Id")).as("request id").isNotNull();
            if (!request.description().startsWith("HEAD ") && response.status() != 304) {
                assertThat(response.header("Content-Type")).as(response.head()).startsWith("application/json");
                assertThat(response.body()).as(response.head()).contains("\"error\"");
            }
        }
        assertThat(LOGS.leaks).as("log lines holding a planted secret").isEmpty();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Keeps only the log lines that hold a planted secret or the admin key, so a long run stores nothing. */
    static final class LogWatch extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage());
            if (text.contains(FuzzRequests.CANARY) || text.contains(STORED) || text.contains(RunningBroker.ADMIN_KEY)) {
                leaks.add(text);
            }
        }
    }
}
