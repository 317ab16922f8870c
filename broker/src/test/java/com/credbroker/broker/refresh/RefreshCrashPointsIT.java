package com.credbroker.broker.refresh;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.refresh.crashpoint.CrashPoint;
import com.credbroker.refresh.testing.Await;
import com.credbroker.refresh.testing.RotatingProvider;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged broker killed with {@code kill -9} at every named point of a refresh against a provider
 * that rotates refresh tokens and revokes the grant when an old one comes back, then restarted. Every process
 * runs with all four points armed ({@link CrashPoint}): it refreshes four new connections one after the
 * other, each stopping at the next point, and is killed while the four sit there. Each restart first checks
 * the connections the previous process was refreshing when it died. After every restart: the stored
 * refresh token is the one the provider holds valid, or the connection is EXPIRED with
 * {@code refresh_interrupted}; no refresh token was ever presented twice; and no earlier connection is
 * refreshed again behind the test's back (no retry loop). A last, unarmed process forces a refresh of
 * every connection: the valid ones refresh with one provider call each, the interrupted ones are refused.
 *
 * <p>{@code -Dcredbroker.crash.runsPerPoint=N} sets the kills, and so the runs per point: 3 in the README's
 * test command, 20 under {@code -Psoak} (the broker pom).
 */
class RefreshCrashPointsIT {
    private static final int RUNS_PER_POINT = Integer.getInteger("credbroker.crash.runsPerPoint", 3);
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration TO_CRASH_POINT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private final String masterKey = RunningBroker.randomKey();
    private final List<Run> runs = new ArrayList<>();
    private final Map<String, Long> callsSeen = new HashMap<>();
    private RotatingProvider provider;
    private String authConfigId;

    /** One crash: the connection being refreshed, its grant at the provider, where the process died. */
    private record Run(String connectionId, String grantId, CrashPoint point) {
        boolean interrupts() {
            return point == CrashPoint.REQUEST_SENT || point == CrashPoint.RESPONSE_PARSED;
        }
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aRefreshKilledAtAnyPointLeavesAValidTokenOrAnInterruptedConnectionAndIsNeverRetried() throws Exception {
        try (RotatingProvider rotating = RotatingProvider.start()) {
            provider = rotating;
            for (int k = 0; k < RUNS_PER_POINT; k++) {
                BrokerProcess broker = start(true, k);
                checkEarlierRuns(broker);
                for (CrashPoint point : CrashPoint.values()) {
                    runs.add(refreshUntilStopped(broker, point, k));
                }
                broker.killHard();
                clearMarkers();
            }
            try (BrokerProcess last = start(false, RUNS_PER_POINT)) {
                checkEarlierRuns(last);
                for (Run run : runs) {
                    forceRefreshAfterRecovery(last, run);
                }
            }
            assertThat(provider.reuseDetected()).as("rotated refresh tokens presented twice").isZero();
        }
    }

    private BrokerProcess start(boolean armed, int k) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("CREDBROKER_DATA_DIR", dataDir.toString(),
                "CREDBROKER_MASTER_KEY", masterKey, "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY,
                "CREDBROKER_LOG_FORMAT", "text", "CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true",
                "CREDBROKER_REFRESH_INTERVAL", "PT1S", "CREDBROKER_REFRESH_LEASE", "PT10M"));
        List<String> jvm = new ArrayList<>(BrokerProcess.FAST_JVM);
        if (armed) {
            jvm.add("-Dcredbroker.test.crashPoints=enabled");
            env.put("CB_TEST_CRASH_POINT", String.join(",",
                    Arrays.stream(CrashPoint.values()).map(CrashPoint::wireName).toList()));
            env.put("CB_TEST_CRASH_MARKER", work.toString());
        }
        BrokerProcess broker = BrokerProcess.start(jvm, env, work.resolve("broker-" + k + ".log")).awaitReady(START);
        if (authConfigId == null) {
            authConfigId = RefreshApi.authConfig(broker.http, provider.tokenUrl());
        }
        return broker;
    }

    /** Starts a refresh of a new connection and waits until it sits at {@code point} (the process is killed later). */
    private Run refreshUntilStopped(BrokerProcess broker, CrashPoint point, int k) {
        Run run = new Run("conn_crash_" + k + "_" + point.wireName(), "grant-" + k + "-" + point.wireName(), point);
        RefreshApi.connection(broker.http, run.connectionId(), authConfigId, provider.seed(run.grantId()), 3600);
        Thread refresh = new Thread(() -> {
            try {
                RefreshApi.forceRefresh(broker.http, run.connectionId(), RunningBroker.admin());
            } catch (RuntimeException answeredByNobody) {
                // expected: the process is killed while this request waits
            }
        });
        refresh.setDaemon(true);
        refresh.start();
        assertThat(Await.until(() -> Files.exists(work.resolve(point.wireName())), TO_CRASH_POINT))
                .as("process %d never reached %s:%n%s", k, point, broker.logText()).isTrue();
        return run;
    }

    private void clearMarkers() throws IOException {
        for (CrashPoint point : CrashPoint.values()) {
            Files.delete(work.resolve(point.wireName()));
        }
    }

    /** After a restart: every connection so far is consistent with the provider, and none was called again. */
    private void checkEarlierRuns(BrokerProcess broker) {
        for (Run run : runs) {
            long calls = provider.calls(run.grantId());
            Long before = callsSeen.put(run.grantId(), calls);
            if (before != null) {
                assertThat(calls).as("provider calls for %s after a later restart (retry loop)", run).isEqualTo(before);
                continue;
            }
            JsonNode stored = lookup(broker, run);
            assertConsistent(run, stored);
            assertThat(calls).as("provider calls for %s", run).isEqualTo(run.point() == CrashPoint.LEASE_TAKEN ? 0 : 1);
            assertThat(stored.get("status").asText()).as("%s", run).isEqualTo(run.interrupts() ? "EXPIRED" : "ACTIVE");
        }
    }

    private void forceRefreshAfterRecovery(BrokerProcess broker, Run run) {
        long calls = provider.calls(run.grantId());
        HttpResponse<String> forced = RefreshApi.forceRefresh(broker.http, run.connectionId(), RunningBroker.admin());
        if (run.interrupts()) {
            assertThat(forced.statusCode()).as("%s: %s", run, forced.body()).isEqualTo(409);
            assertThat(provider.calls(run.grantId())).as("%s", run).isEqualTo(calls);
        } else {
            assertThat(forced.statusCode()).as("%s: %s", run, forced.body()).isEqualTo(200);
            assertThat(provider.calls(run.grantId())).as("%s", run).isEqualTo(calls + 1);
            assertConsistent(run, lookup(broker, run));
            assertThat(provider.revoked(run.grantId())).as("%s", run).isFalse();
        }
    }

    /** The invariant: the stored refresh token is the provider's valid one, or the refresh is marked interrupted. */
    private void assertConsistent(Run run, JsonNode stored) {
        String refreshToken = stored.at("/credentials/refresh_token").asText();
        boolean interrupted = "EXPIRED".equals(stored.get("status").asText())
                && stored.get("status_reason").asText().startsWith("refresh_interrupted: ");
        assertThat(refreshToken.equals(provider.currentRefreshToken(run.grantId())) || interrupted)
                .as("%s: stored token valid at the provider, or EXPIRED refresh_interrupted (status %s, reason %s)",
                        run, stored.get("status"), stored.get("status_reason")).isTrue();
    }

    private static JsonNode lookup(BrokerProcess broker, Run run) {
        HttpResponse<String> read = broker.http.get(BY_CONNECTION + run.connectionId(), RunningBroker.admin());
        assertThat(read.statusCode()).as("%s: %s", run, read.body()).isEqualTo(200);
        return Fixtures.body(read);
    }

}
