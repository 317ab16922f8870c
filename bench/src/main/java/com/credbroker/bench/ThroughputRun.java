package com.credbroker.bench;

import com.credbroker.refresh.engine.RefreshEngine;
import com.credbroker.refresh.engine.RefreshScanner.ScanReport;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.refresh.RefreshStore;
import java.time.Clock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Part A: {@code connections} connections due now, refreshed by one scan of the broker's real refresh
 * engine ({@link RefreshEngine#scanner()}, the function the Quartz job runs) against a
 * {@link StubTokenEndpoint} with a fixed latency. Timed from the start of the scan until the engine is
 * idle; seeding is timed separately and is not part of the figure. Every run is a fresh broker on a
 * fresh data directory and a fresh stub.
 */
final class ThroughputRun {
    /** Token expiry of the stub's answers. */
    private static final Duration ISSUED_LIFETIME = Duration.ofSeconds(3600);
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    /** What one run measured; {@code refreshedRows} comes from the database afterwards. */
    record Result(Duration latency, int connections, int maxInFlight, int authConfigs, double setupSeconds,
            long dueBefore, double seconds, double cpuSeconds, long bytesWritten, int claimed, boolean idle, long calls,
            long duplicates, int refreshedRows, long dueAfter, List<SqlStatistics.Row> sql) {

        double perSecond() {
            return connections / seconds;
        }

        /**
         * CPU time of the whole JVM (broker, stub provider, GC) per refresh, in microseconds: the work a
         * refresh costs, much less sensitive than the elapsed time to what else the host is running.
         */
        double cpuMicrosPerRefresh() {
            return cpuSeconds * 1e6 / connections;
        }

        /**
         * Bytes the whole JVM wrote per refresh, in KB (the H2 file above all; also the provider's and the
         * client's sockets, and logs): what each refresh costs the store in pages written.
         */
        double kilobytesWrittenPerRefresh() {
            return bytesWritten / 1024.0 / connections;
        }

        /** The most a cap of {@code maxInFlight} allows at this latency (infinite at latency 0). */
        double bound() {
            return latency.isZero() ? Double.POSITIVE_INFINITY : maxInFlight / (latency.toNanos() / 1e9);
        }

        double ratioToBound() {
            return perSecond() / bound();
        }

        /** The run's invariants; empty when they all hold. */
        String failures() {
            StringBuilder out = new StringBuilder();
            check(out, dueBefore == connections, "due before the scan " + dueBefore + " != " + connections);
            check(out, idle, "engine not idle after " + IDLE_TIMEOUT);
            check(out, calls == connections, "provider calls " + calls + " != " + connections);
            check(out, duplicates == 0, "duplicate refresh tokens " + duplicates);
            check(out, refreshedRows == connections, "rows refreshed " + refreshedRows + " != " + connections);
            check(out, dueAfter == 0, "still due after the run " + dueAfter);
            return out.toString();
        }

        private static void check(StringBuilder out, boolean holds, String failure) {
            if (!holds) {
                out.append(out.length() == 0 ? "" : "; ").append(failure);
            }
        }
    }

    private final int connections;
    private final int maxInFlight;
    private final int authConfigs;
    private final boolean sqlStatistics;

    ThroughputRun(int connections, int maxInFlight, int authConfigs, boolean sqlStatistics) {
        this.connections = connections;
        this.maxInFlight = maxInFlight;
        this.authConfigs = authConfigs;
        this.sqlStatistics = sqlStatistics;
    }

    Result run(Duration latency) throws Exception {
        Clock clock = Clock.systemUTC();
        try (StubTokenEndpoint stub = StubTokenEndpoint.start(latency);
             BenchBroker bench = BenchBroker.start(maxInFlight)) {
            RefreshEngine engine = bench.broker().refresh();
            RefreshStore store = bench.broker().storage().refreshStore();
            BenchBroker.awaitStartupScan(engine);
            BenchSeeder seeder = new BenchSeeder(bench.broker().storage().authConfigs(),
                    bench.broker().storage().credentials(), clock);

            long setupStart = System.nanoTime();
            List<AuthConfig> configs = seeder.authConfigs("bench", authConfigs, stub.tokenUrl());
            Instant seeded = clock.instant();
            for (int i = 0; i < connections; i++) {
                // Inside the refresh window (5 min), past the lookup skew: due for the scan, not for a lookup.
                seeder.connection("bench", i, configs, seeded.plusSeconds(60 + i % 60));
            }
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            Instant now = clock.instant();
            long dueBefore = store.countDue(now, now.plus(bench.window()));
            if (stub.calls() != 0) {
                throw new IllegalStateException("the provider was called before the scan: " + stub.calls());
            }

            DataSource dataSource = bench.broker().storage().database().dataSource();
            if (sqlStatistics) {
                SqlStatistics.start(dataSource);
            }
            Instant started = clock.instant();
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            long written0 = ProcessIo.bytesWritten();
            ScanReport scan = engine.scanner().runOnce();
            boolean idle = engine.awaitIdle(IDLE_TIMEOUT);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
            long written = ProcessIo.bytesWritten() - written0;
            List<SqlStatistics.Row> sql = sqlStatistics ? SqlStatistics.stop(dataSource) : List.of();

            Instant after = clock.instant();
            int refreshed = seeder.countRefreshed("bench", connections, started.plus(ISSUED_LIFETIME));
            long dueAfter = store.countDue(after, after.plus(bench.window()));
            return new Result(latency, connections, maxInFlight, authConfigs, setupSeconds, dueBefore, seconds,
                    cpuSeconds, written, scan.claimed(), idle, stub.calls(), stub.duplicates(), refreshed, dueAfter, sql);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
