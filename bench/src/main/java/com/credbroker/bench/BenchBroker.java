package com.credbroker.bench;

import com.credbroker.broker.Broker;
import com.credbroker.config.BrokerConfig;
import com.credbroker.config.ConfigLoader;
import com.credbroker.refresh.engine.RefreshEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A whole broker started in this process with {@link Broker#start} (the same graph {@code serve}
 * builds: embedded H2 file, file audit log, lookup cache, refresh engine with its Quartz schedule),
 * on a throw-away data directory with a random master key and admin key. The configuration goes
 * through {@link ConfigLoader} from a map, so no {@code CREDBROKER_*} variable of the caller leaks in.
 * Closing stops the broker and deletes the directory.
 */
final class BenchBroker implements AutoCloseable {
    /** Long enough that the schedule's only scan is the one it runs at start, on an empty database. */
    private static final String SCHEDULE_INTERVAL = "PT24H";

    /** Quartz fires the first scan at once; on an empty database it ends within milliseconds. */
    private static final Duration STARTUP_SCAN_GRACE = Duration.ofSeconds(1);

    private final Broker broker;
    private final BrokerConfig config;
    private final Path dataDir;
    private final String adminKey;

    private BenchBroker(Broker broker, BrokerConfig config, Path dataDir, String adminKey) {
        this.broker = broker;
        this.config = config;
        this.dataDir = dataDir;
        this.adminKey = adminKey;
    }

    /**
     * Starts a broker whose refresh engine runs at most {@code maxInFlight} refreshes at once and the
     * same number per auth config (so the per-config cap is never the limit), with no jitter.
     */
    static BenchBroker start(int maxInFlight) throws Exception {
        return start(maxInFlight, Map.of());
    }

    /** As {@link #start(int)}, with {@code overrides} put over the configuration (e.g. a PostgreSQL URL). */
    static BenchBroker start(int maxInFlight, Map<String, String> overrides) throws Exception {
        SecureRandom random = new SecureRandom();
        Path dataDir = Files.createTempDirectory("credbroker-refresh-bench");
        String adminKey = randomBase64(random, 32).replace('+', '-').replace('/', '_').replace("=", "");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CREDBROKER_PORT", "0");
        env.put("CREDBROKER_DATA_DIR", dataDir.resolve("data").toString());
        env.put("CREDBROKER_MASTER_KEY", randomBase64(random, 32));
        env.put("CREDBROKER_ADMIN_KEY", adminKey);
        env.put("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true");
        env.put("CREDBROKER_REFRESH_INTERVAL", SCHEDULE_INTERVAL);
        env.put("CREDBROKER_REFRESH_JITTER", "PT0S");
        env.put("CREDBROKER_REFRESH_MAX_IN_FLIGHT", Integer.toString(maxInFlight));
        env.put("CREDBROKER_REFRESH_MAX_PER_AUTH_CONFIG", Integer.toString(maxInFlight));
        env.put("CREDBROKER_LOG_FORMAT", "text");
        env.put("CREDBROKER_MANAGEMENT_PORT", "0");
        env.putAll(overrides);
        try {
            BrokerConfig config = ConfigLoader.load(env);
            return new BenchBroker(Broker.start(config, Clock.systemUTC()), config, dataDir, adminKey);
        } catch (Exception | Error e) {
            deleteTree(dataDir);
            throw e;
        }
    }

    /**
     * Lets the scan the schedule runs at start (on the still empty database) finish, so that it cannot
     * claim anything the benchmark seeds afterwards. The runs also check that everything seeded is due.
     */
    static void awaitStartupScan(RefreshEngine engine) throws InterruptedException {
        Thread.sleep(STARTUP_SCAN_GRACE.toMillis());
        if (!engine.awaitIdle(Duration.ofSeconds(10))) {
            throw new IllegalStateException("the refresh engine is busy on an empty database");
        }
    }

    /** The refresh window: connections expiring within it are due. */
    Duration window() {
        return config.refresh().window();
    }

    Broker broker() {
        return broker;
    }

    String adminKey() {
        return adminKey;
    }

    /** The broker's data directory (the audit segments are under {@code audit/}). */
    Path dataDir() {
        return config.dataDir();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + broker.port();
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            deleteTree(dataDir);
        }
    }

    private static String randomBase64(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    /** Deletes {@code root} and everything under it, if it exists. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
