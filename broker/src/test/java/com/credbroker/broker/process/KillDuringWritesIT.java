package com.credbroker.broker.process;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.Http;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.refresh.testing.Await;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The packaged broker killed with {@code kill -9} in the middle of traffic: four clients create connections
 * and update one connection each, as fast as the broker answers, and the process is killed after a random
 * number of answers, with requests in flight. Every write answered 2xx before the kill is there after the
 * restart; an update in flight at the kill may or may not have landed, but nothing older than the last
 * acknowledged one is served. {@code -Dcredbroker.durability.brokerRounds=N} sets the kills: 3 in the README's
 * test command, 10 under {@code -Psoak} (the broker pom).
 */
class KillDuringWritesIT {
    private static final int ROUNDS = Integer.getInteger("credbroker.durability.brokerRounds", 3);
    private static final int CLIENTS = 4;
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    private final Set<String> created = ConcurrentHashMap.newKeySet();
    /** Per client: the last acknowledged token of its updated connection (index = client). */
    private final long[] lastUpdate = new long[CLIENTS];

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyWriteAnswered2xxBeforeAKillInTheMiddleOfTrafficSurvives() throws Exception {
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", dataDir.toString(),
                "CREDBROKER_MASTER_KEY", RunningBroker.randomKey(), "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY,
                "CREDBROKER_LOG_FORMAT", "text");
        SplittableRandom random = new SplittableRandom();
        for (int round = 0; round < ROUNDS; round++) {
            BrokerProcess broker = BrokerProcess.start(BrokerProcess.FAST_JVM, env, logs.resolve("broker.log"))
                    .awaitReady(START);
            killMidTraffic(broker, round, 10 + random.nextInt(60));
        }
        try (BrokerProcess broker = BrokerProcess.start(BrokerProcess.FAST_JVM, env, logs.resolve("broker.log"))
                .awaitReady(START)) {
            List<String> lost = new ArrayList<>();
            for (String id : created) {
                HttpResponse<String> read = broker.http.get(BY_CONNECTION + id, RunningBroker.admin());
                if (read.statusCode() != 200
                        || !Fixtures.body(read).at("/credentials/access_token").asText().equals("tok-" + id)) {
                    lost.add(id);
                }
            }
            assertThat(lost).as("acknowledged creates lost, of %d", created.size()).isEmpty();
            for (int client = 0; client < CLIENTS; client++) {
                assertUpdateSurvived(broker.http, client);
            }
        }
        assertThat(created).hasSizeGreaterThanOrEqualTo(ROUNDS * 10);
        LoggerFactory.getLogger(KillDuringWritesIT.class).info("KillDuringWritesIT: {} kills, {} acknowledged creates"
                + " and {} acknowledged updates present", ROUNDS, created.size(), Arrays.stream(lastUpdate).sum());
    }

    private void killMidTraffic(BrokerProcess broker, int round, int answers) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        int before = created.size();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int client = 0; client < CLIENTS; client++) {
                int c = client;
                clients.submit(() -> write(broker.http, round, c, stop));
            }
            assertThat(Await.until(() -> created.size() - before >= answers, Duration.ofSeconds(60)))
                    .as("round %d: writes not answered:%n%s", round, broker.logText()).isTrue();
            broker.killHard();
        } finally {
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Creates a new connection, then updates this client's own one; records what was answered 2xx. */
    private void write(Http http, int round, int client, AtomicBoolean stop) {
        try {
            for (int i = 0; !stop.get(); i++) {
                String id = "conn_r" + round + "_c" + client + "_" + i;
                if (http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2(id, "tok-" + id, 3600))
                        .statusCode() / 100 == 2) {
                    created.add(id);
                }
                long next = lastUpdate[client] + 1;
                String updated = "conn_updated_c" + client;
                if (http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2(updated, "upd-" + next, 3600))
                        .statusCode() / 100 == 2) {
                    lastUpdate[client] = next;
                }
            }
        } catch (RuntimeException killed) {
            // the process was killed under this request: whether it landed is what the restart shows
        }
    }

    private void assertUpdateSurvived(Http http, int client) {
        if (lastUpdate[client] == 0) {
            return;
        }
        HttpResponse<String> read = http.get(BY_CONNECTION + "conn_updated_c" + client, RunningBroker.admin());
        assertThat(read.statusCode()).isEqualTo(200);
        long stored = Long.parseLong(Fixtures.body(read).at("/credentials/access_token").asText().substring(4));
        assertThat(stored).as("client %d: last acknowledged update %d", client, lastUpdate[client])
                .isBetween(lastUpdate[client], lastUpdate[client] + 1);
    }
}
