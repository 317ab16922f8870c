package com.credbroker.broker.cluster;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.storage.testing.PostgresSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Broker nodes as real child processes of the packaged jar on one PostgreSQL schema, with the one master
 * key and admin key a cluster shares: what {@code docker/compose.cluster.yml} runs, on random ports.
 */
final class ClusterNodes {
    static final Duration START = Duration.ofSeconds(60);

    private final PostgresSchema schema;
    private final Path dir;
    private final String masterKey = RunningBroker.randomKey();
    private final Map<String, String> extra;

    ClusterNodes(PostgresSchema schema, Path dir, Map<String, String> extra) {
        this.schema = schema;
        this.dir = dir;
        this.extra = extra;
    }

    /** Starts node {@code name} (its own data directory and log) and waits until it is ready. */
    BrokerProcess start(String name) throws Exception {
        return start(name, Map.of());
    }

    BrokerProcess start(String name, Map<String, String> overrides) throws Exception {
        return launch(name, overrides).awaitReady(START);
    }

    /**
     * Starts both nodes at the same time (on a new schema both race to migrate it and to create the
     * keyring, as {@code docker compose up} would without its ordering) and waits until both are ready.
     */
    BrokerProcess[] startTogether(String first, String second) throws Exception {
        return startTogether(first, second, START);
    }

    /** As {@link #startTogether(String, String)}, waiting up to {@code bound} for each. */
    BrokerProcess[] startTogether(String first, String second, Duration bound) throws Exception {
        BrokerProcess a = launch(first, Map.of());
        BrokerProcess b = launch(second, Map.of());
        try {
            return new BrokerProcess[] {a.awaitReady(bound), b.awaitReady(bound)};
        } catch (Exception | Error e) {
            a.close();
            b.close();
            throw e;
        }
    }

    private BrokerProcess launch(String name, Map<String, String> overrides) throws Exception {
        Map<String, String> env = new HashMap<>(schema.brokerEnv());
        env.put("CREDBROKER_DATA_DIR", dir.resolve(name).toString());
        env.put("CREDBROKER_MASTER_KEY", masterKey);
        env.put("CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY);
        env.put("CREDBROKER_LOG_FORMAT", "text");
        env.put("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true");
        env.putAll(extra);
        env.putAll(overrides);
        return BrokerProcess.start(env, dir.resolve(name + ".log"));
    }
}
