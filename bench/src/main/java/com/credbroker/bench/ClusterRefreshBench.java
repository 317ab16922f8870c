package com.credbroker.bench;

import com.credbroker.refresh.engine.RefreshEngine;
import com.credbroker.storage.authconfig.AuthConfig;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Refresh throughput of {@code --connections} due connections on one PostgreSQL database with one broker
 * node against two (issue 5, item 7), a program and not a test. Each round creates a fresh schema, starts
 * one or two whole brokers in this process ({@link BenchBroker}, each its own Quartz cluster member,
 * refresh engine and pool, sharing the master key), seeds the connections through node 1's repositories,
 * then starts the scan on every node at once and times until every engine is idle. The rounds alternate
 * one node, two nodes. Invariants (exit 1): provider calls = connections, no refresh token presented
 * twice, every row refreshed exactly once.
 *
 * <pre>
 * ClusterRefreshBench [--connections=10000] [--cap=64] [--latencies=0,200] [--rounds=1]
 *                     [--pg-url=jdbc:postgresql://127.0.0.1:5432/test] [--pg-user=postgres]
 * </pre>
 */
public final class ClusterRefreshBench {
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    private static final int AUTH_CONFIGS = 8;
    private static final int SEED_THREADS = 8;

    private static final org.slf4j.Logger OUT;

    static {
        BenchCli.quietBrokerLogsUnlessAsked("ERROR");
        OUT = BenchCli.output(ClusterRefreshBench.class);
    }

    private ClusterRefreshBench() {
    }

    record Result(int nodes, Duration latency, int connections, double seconds, long calls, long duplicates,
            int refreshed) {
        boolean valid() {
            return calls == connections && duplicates == 0 && refreshed == connections;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchCli.options(args);
        int connections = Integer.parseInt(options.getOrDefault("connections", "10000"));
        int cap = Integer.parseInt(options.getOrDefault("cap", "64"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
        String pgUrl = options.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = options.getOrDefault("pg-user", "postgres");
        List<Result> results = new ArrayList<>();
        for (String ms : options.getOrDefault("latencies", "0,200").split(",")) {
            Duration latency = Duration.ofMillis(Long.parseLong(ms.strip()));
            for (int round = 1; round <= rounds; round++) {
                for (int nodes = 1; nodes <= 2; nodes++) {
                    Result result = run(nodes, latency, connections, cap, pgUrl, pgUser);
                    OUT.info(String.format("latency %d ms, round %d, %d node(s): %.2f s, %.0f/s, calls %d,"
                            + " duplicates %d, refreshed %d", latency.toMillis(), round, nodes, result.seconds(),
                            connections / result.seconds(), result.calls(), result.duplicates(), result.refreshed()));
                    results.add(result);
                }
            }
        }
        BenchCli.publish(OUT, report(results, cap), options);
        System.exit(results.stream().allMatch(Result::valid) ? 0 : 1);
    }

    static Result run(int nodes, Duration latency, int connections, int cap, String pgUrl, String pgUser)
            throws Exception {
        String schema = "cb_bench_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        execute(pgUrl, pgUser, "CREATE SCHEMA " + schema);
        Map<String, String> env = Map.of("CREDBROKER_DB_URL", pgUrl + "?currentSchema=" + schema,
                "CREDBROKER_DB_USER", pgUser, "CREDBROKER_MASTER_KEY", masterKey());
        List<BenchBroker> brokers = new ArrayList<>();
        try (StubTokenEndpoint stub = StubTokenEndpoint.start(latency)) {
            for (int i = 0; i < nodes; i++) {
                brokers.add(BenchBroker.start(cap, env));
            }
            for (BenchBroker broker : brokers) {
                BenchBroker.awaitStartupScan(broker.broker().refresh());
            }
            BenchSeeder seeder = new BenchSeeder(brokers.get(0).broker().storage().authConfigs(),
                    brokers.get(0).broker().storage().credentials(), Clock.systemUTC());
            Instant started = seed(seeder, connections, stub.tokenUrl());
            double seconds = scanOnEveryNode(brokers);
            int refreshed = seeder.countRefreshed("bench", connections, started.plusSeconds(3600));
            return new Result(nodes, latency, connections, seconds, stub.calls(), stub.duplicates(), refreshed);
        } finally {
            brokers.forEach(BenchBroker::close);
            execute(pgUrl, pgUser, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Seeds in parallel (PostgreSQL takes concurrent writers); returns when the scan may start. */
    private static Instant seed(BenchSeeder seeder, int connections, URI tokenUrl) throws Exception {
        List<AuthConfig> configs = seeder.authConfigs("bench", AUTH_CONFIGS, tokenUrl);
        Instant seeded = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < SEED_THREADS; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < connections; i += SEED_THREADS) {
                        // inside the refresh window (5 min), past the lookup skew
                        seeder.connection("bench", i, configs, seeded.plusSeconds(60 + i % 60));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return Instant.now();
    }

    /** Starts the scan on every node at once; seconds until every engine is idle. */
    private static double scanOnEveryNode(List<BenchBroker> brokers) throws Exception {
        ExecutorService scans = Executors.newFixedThreadPool(brokers.size());
        try {
            long t0 = System.nanoTime();
            List<Future<Boolean>> idle = new ArrayList<>();
            for (BenchBroker broker : brokers) {
                RefreshEngine engine = broker.broker().refresh();
                idle.add(scans.submit(() -> {
                    engine.scanner().runOnce();
                    return engine.awaitIdle(IDLE_TIMEOUT);
                }));
            }
            for (Future<Boolean> f : idle) {
                if (!f.get()) {
                    throw new IllegalStateException("an engine was not idle within " + IDLE_TIMEOUT);
                }
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            scans.shutdown();
        }
    }

    static String report(List<Result> results, int cap) {
        StringBuilder out = new StringBuilder("| latency | nodes | connections | seconds | refreshes/s | ratio to one node"
                + " | bound (nodes × cap ÷ latency) | provider calls | duplicates | rows refreshed |\n"
                + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Result one = null;
        for (Result r : results) {
            one = r.nodes() == 1 ? r : one;
            double perSecond = r.connections() / r.seconds();
            String ratio = one == null ? "n/a" : String.format("%.2f", perSecond / (one.connections() / one.seconds()));
            String bound = r.latency().isZero() ? "n/a"
                    : String.format("%.0f/s", r.nodes() * cap / (r.latency().toMillis() / 1000.0));
            out.append(String.format("| %d ms | %d | %d | %.2f | %.0f | %s | %s | %d | %d | %d |%n",
                    r.latency().toMillis(), r.nodes(), r.connections(), r.seconds(), perSecond, ratio, bound,
                    r.calls(), r.duplicates(), r.refreshed()));
        }
        return out.toString();
    }

    private static String masterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void execute(String url, String user, String sql) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        try (Connection connection = DriverManager.getConnection(url, properties);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
