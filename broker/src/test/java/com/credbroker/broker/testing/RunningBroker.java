package com.credbroker.broker.testing;

import com.credbroker.broker.Broker;
import com.credbroker.broker.http.HttpLimits;
import com.credbroker.config.ConfigLoader;
import com.credbroker.refresh.provider.ProviderResolver;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import com.credbroker.storage.testing.MutableClock;
import java.util.Map;

/**
 * The real broker on a random port over an H2 file database in a temporary directory, with an
 * injected clock. The admin key holds every scope.
 */
public final class RunningBroker implements AutoCloseable {
    public static final String ADMIN_KEY = "cbk_test_admin_key_0123456789abcdef0123456789";
    public static final Instant START = Instant.parse("2025-11-15T10:30:00Z");

    public final MutableClock clock = new MutableClock(START);
    public final Path dataDir;
    public final String masterKey;
    private final Broker broker;
    public final Http http;

    public RunningBroker(Path dataDir) throws Exception {
        this(dataDir, Map.of());
    }

    public RunningBroker(Path dataDir, Map<String, String> extraEnv) throws Exception {
        this(dataDir, extraEnv, HttpLimits.DEFAULTS);
    }

    public RunningBroker(Path dataDir, Map<String, String> extraEnv, HttpLimits limits) throws Exception {
        this(dataDir, extraEnv, limits, null); // the shipped catalogue (and CREDBROKER_PROVIDERS_FILE), as served
    }

    /** With the provider template resolver given (a small fake catalogue in tests). */
    public RunningBroker(Path dataDir, Map<String, String> extraEnv, ProviderResolver providers) throws Exception {
        this(dataDir, extraEnv, HttpLimits.DEFAULTS, providers);
    }

    private RunningBroker(Path dataDir, Map<String, String> extraEnv, HttpLimits limits, ProviderResolver providers)
            throws Exception {
        this.dataDir = dataDir;
        this.masterKey = randomKey();
        Map<String, String> env = new HashMap<>();
        env.put("CREDBROKER_PORT", "0");
        env.put("CREDBROKER_DATA_DIR", dataDir.toString());
        env.put("CREDBROKER_MASTER_KEY", masterKey);
        env.put("CREDBROKER_ADMIN_KEY", ADMIN_KEY);
        env.put("CREDBROKER_MANAGEMENT_PORT", "0");
        env.putAll(extraEnv);
        this.broker = providers == null ? Broker.start(ConfigLoader.load(env), clock, limits)
                : Broker.start(ConfigLoader.load(env), clock, limits, providers);
        this.http = new Http(broker.port());
    }

    public static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static Map<String, String> admin() {
        return Map.of("X-API-Key", ADMIN_KEY);
    }

    public int port() {
        return broker.port();
    }

    /** The Prometheus text the management listener serves at {@code /metrics}. */
    public String metrics() {
        return new Http(broker.managementPort()).get("/metrics", Map.of()).body();
    }

    public Broker broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.close();
    }
}
