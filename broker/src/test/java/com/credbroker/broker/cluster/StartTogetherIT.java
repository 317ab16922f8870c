package com.credbroker.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two packaged jars started at the same moment on a new PostgreSQL schema with the same master key and
 * admin key, while two busy loops keep both cores saturated (the load under which one of a pair used to
 * exit {@code failed: StorageException}): both become ready, every time. Pairs: system property
 * {@code credbroker.startTogether.pairs} (2 in the README's test command, 3 under {@code -Psoak}; 5 or more for a longer run).
 */
@RequiresPostgres
class StartTogetherIT {
    private static final Logger LOG = LoggerFactory.getLogger(StartTogetherIT.class);
    private static final int PAIRS = Integer.getInteger("credbroker.startTogether.pairs", 2);
    /** Generous: two busy loops and two starting JVMs share the cores (a start takes 3-10 s without load). */
    private static final Duration READY = Duration.ofSeconds(120);

    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dir;

    @Test
    void twoNodesStartedTogetherUnderCpuLoadBothBecomeReadyEveryTime() throws Exception {
        String masterKey = RunningBroker.randomKey();
        CpuLoad load = CpuLoad.start(2);
        try {
            for (int pair = 1; pair <= PAIRS; pair++) {
                Map<String, String> env = new HashMap<>(schemas.create().brokerEnv());
                env.put("CREDBROKER_MASTER_KEY", masterKey);
                env.put("CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY);
                env.put("CREDBROKER_LOG_FORMAT", "text");
                long started = System.nanoTime();
                try (BrokerProcess a = launch(env, pair, "a"); BrokerProcess b = launch(env, pair, "b")) {
                    a.awaitReady(READY);
                    b.awaitReady(READY);
                    LOG.info("start together under load: pair {} of {} ready in {} ms", pair, PAIRS,
                            (System.nanoTime() - started) / 1_000_000);
                    assertThat(liveKeyNames(a)).as("pair " + pair).containsExactly("bootstrap-admin");
                    assertThat(liveKeyNames(b)).as("pair " + pair).containsExactly("bootstrap-admin");
                }
            }
        } finally {
            load.close();
        }
    }

    private BrokerProcess launch(Map<String, String> shared, int pair, String name) throws Exception {
        Path node = Files.createDirectories(dir.resolve("pair" + pair)).resolve(name);
        Map<String, String> env = new HashMap<>(shared);
        env.put("CREDBROKER_DATA_DIR", node.toString());
        return BrokerProcess.start(BrokerProcess.FAST_JVM, env, dir.resolve("pair" + pair + "-" + name + ".log"));
    }

    private static List<String> liveKeyNames(BrokerProcess node) {
        List<String> names = new ArrayList<>();
        JsonNode keys = Fixtures.body(node.http.get(Fixtures.API_KEYS, RunningBroker.admin()));
        keys.get("items").forEach(key -> {
            if (key.get("revoked_at").isNull()) {
                names.add(key.get("name").asText());
            }
        });
        return names;
    }

    /** Busy loops on their own threads: the CPU load of a busy host, until closed. */
    private static final class CpuLoad {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        static CpuLoad start(int threads) {
            CpuLoad load = new CpuLoad();
            for (int i = 0; i < threads; i++) {
                Thread spinner = new Thread(load::spin, "cpu-load-" + i);
                spinner.setDaemon(true);
                spinner.start();
                load.threads.add(spinner);
            }
            return load;
        }

        private void spin() {
            long x = 1;
            while (running.get()) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            if (x == 42) {
                LOG.trace("unreachable in practice; keeps the loop from being optimised away");
            }
        }

        void close() {
            running.set(false);
            try {
                for (Thread thread : threads) {
                    thread.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
