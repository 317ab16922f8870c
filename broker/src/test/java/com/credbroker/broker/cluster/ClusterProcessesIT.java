package com.credbroker.broker.cluster;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.refresh.RefreshApi;
import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.Http;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.refresh.testing.Await;
import com.credbroker.refresh.testing.RotatingProvider;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two broker processes (the packaged jar) on one PostgreSQL schema, sharing a master key, against a
 * provider that rotates refresh tokens and revokes a grant whose used token is presented again.
 */
@RequiresPostgres
class ClusterProcessesIT {
    private static final Map<String, String> FAST_SCHEDULE = Map.of("CREDBROKER_REFRESH_INTERVAL", "PT1S",
            "CREDBROKER_REFRESH_JITTER", "PT0S");

    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dir;

    @Test
    void lookupsOnBothNodesAndBothSchedulersRefreshAnExpiringConnectionOnce() throws Exception {
        ClusterNodes cluster = new ClusterNodes(schemas.create(), dir, FAST_SCHEDULE);
        ExecutorService callers = Executors.newFixedThreadPool(32);
        BrokerProcess[] nodes = cluster.startTogether("a", "b");
        try (RotatingProvider provider = RotatingProvider.start();
             BrokerProcess a = nodes[0];
             BrokerProcess b = nodes[1]) {
            provider.setLatency(Duration.ofMillis(300));
            String authConfig = RefreshApi.authConfig(a.http, provider.tokenUrl());
            // 20 s left: inside the read-time skew (30 s) and the schedule's window (5 min) of both nodes
            RefreshApi.connection(a.http, "conn_race", authConfig, provider.seed("race"), 20);
            List<CompletableFuture<HttpResponse<String>>> lookups = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Http node = i % 2 == 0 ? a.http : b.http;
                lookups.add(CompletableFuture.supplyAsync(
                        () -> node.get(BY_CONNECTION + "conn_race", RunningBroker.admin()), callers));
            }

            assertThat(lookups).allSatisfy(lookup -> assertThat(lookup.join().statusCode()).isEqualTo(200));
            assertThat(Await.until(() -> serves(a.http, "conn_race", provider.currentAccessToken("race"))
                    && serves(b.http, "conn_race", provider.currentAccessToken("race")), Duration.ofSeconds(15)))
                    .as("both nodes serve the refreshed token").isTrue();
            assertThat(provider.calls("race")).isEqualTo(1);
            assertThat(provider.reuseDetected()).isZero();
            assertThat(provider.revoked("race")).isFalse();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aWriteOrRefreshOnOneNodeIsServedByTheOtherAndARevokedKeyStopsEverywhere() throws Exception {
        ClusterNodes cluster = new ClusterNodes(schemas.create(), dir, Map.of());
        BrokerProcess[] nodes = cluster.startTogether("a", "b");
        try (RotatingProvider provider = RotatingProvider.start();
             BrokerProcess a = nodes[0];
             BrokerProcess b = nodes[1]) {
            String authConfig = RefreshApi.authConfig(a.http, provider.tokenUrl());
            RefreshApi.connection(a.http, "conn_seen", authConfig, provider.seed("seen"), 3600);
            assertThat(token(b.http, "conn_seen")).isEqualTo("old-access-conn_seen");
            assertThat(token(b.http, "conn_seen")).isEqualTo("old-access-conn_seen"); // now cached on b

            assertThat(RefreshApi.forceRefresh(a.http, "conn_seen", RunningBroker.admin()).statusCode()).isEqualTo(200);
            String refreshed = provider.currentAccessToken("seen");
            assertThat(Await.until(() -> refreshed.equals(token(b.http, "conn_seen")), Duration.ofSeconds(1)))
                    .as("b serves a's refresh within a second").isTrue();

            String credentialId = Fixtures.body(b.http.get(BY_CONNECTION + "conn_seen", RunningBroker.admin()))
                    .get("credential_id").asText();
            b.http.post(Fixtures.CREDENTIALS + "/" + credentialId + "/disable", RunningBroker.admin(), "");
            assertThat(Await.until(() -> lookup(a.http, "conn_seen").get("is_disabled").asBoolean(),
                    Duration.ofSeconds(1))).as("a serves b's disable within a second").isTrue();

            Fixtures.Key key = Fixtures.createKey(a.http, "api", "credentials:read");
            assertThat(b.http.get(BY_CONNECTION + "conn_seen", key.headers()).statusCode()).isEqualTo(200);
            assertThat(a.http.delete(Fixtures.API_KEYS + "/" + key.id(), RunningBroker.admin()).statusCode())
                    .isEqualTo(204);
            assertThat(Await.until(() -> b.http.get(BY_CONNECTION + "conn_seen", key.headers()).statusCode() == 401,
                    Duration.ofSeconds(1))).as("a key revoked on a is refused by b within a second").isTrue();
            assertThat(provider.calls("seen")).isEqualTo(1);
            assertThat(b.metrics()).contains("credbroker_cluster_listening 1.0");
        }
    }

    @Test
    void aNodeKilledInTheMiddleOfABatchLeavesEveryDueConnectionToTheOther() throws Exception {
        // a's token requests take 1 s, two at a time, from claims of 8: a kill finds at most two in flight
        // and others claimed but unsent; leases (8 s) outlive a request's timeouts (1 s + 3 s)
        ClusterNodes cluster = new ClusterNodes(schemas.create(), dir, Map.of("CREDBROKER_REFRESH_INTERVAL", "PT1S",
                "CREDBROKER_REFRESH_JITTER", "PT0S", "CREDBROKER_TOKEN_CONNECT_TIMEOUT", "PT1S",
                "CREDBROKER_TOKEN_READ_TIMEOUT", "PT3S", "CREDBROKER_REFRESH_LEASE", "PT8S"));
        int due = 100;
        try (RotatingProvider provider = RotatingProvider.start()) {
            provider.setLatency(Duration.ofSeconds(1));
            BrokerProcess a = cluster.start("a", Map.of("CREDBROKER_REFRESH_MAX_IN_FLIGHT", "2", "CREDBROKER_REFRESH_MAX_PER_AUTH_CONFIG", "2",
                    "CREDBROKER_REFRESH_BATCH_SIZE", "8"));
            String authConfig = RefreshApi.authConfig(a.http, provider.tokenUrl());
            for (int i = 0; i < due; i++) {
                // 120 s left: due for the schedule (window 5 min), not for a lookup (skew 30 s)
                RefreshApi.connection(a.http, "conn_" + i, authConfig, provider.seed("g" + i), 120);
            }
            assertThat(Await.until(() -> provider.calls() >= 4, Duration.ofSeconds(20))).isTrue();
            try (BrokerProcess b = cluster.start("b")) {
                a.killHard();
                long callsAtKill = provider.calls();
                assertThat(callsAtKill).as("a was killed in the middle of the batch").isLessThan(due);

                assertThat(Await.until(() -> settled(b.http, due), Duration.ofSeconds(45)))
                        .as("every due connection settled on b").isTrue();
                List<String> interrupted = new ArrayList<>();
                for (int i = 0; i < due; i++) {
                    JsonNode record = lookup(b.http, "conn_" + i);
                    assertThat(provider.calls("g" + i)).as("conn_" + i + ": token requests").isLessThanOrEqualTo(1);
                    if (record.get("status").asText().equals("ACTIVE")) {
                        assertThat(record.at("/credentials/access_token").asText())
                                .isEqualTo(provider.currentAccessToken("g" + i));
                    } else {
                        assertThat(record.get("status_reason").asText()).startsWith("refresh_interrupted: ");
                        interrupted.add("conn_" + i);
                    }
                }
                System.out.printf("cluster kill: %d due, a killed after %d token requests, %d refreshed, %d"
                        + " interrupted (EXPIRED refresh_interrupted), %d reused%n", due, callsAtKill,
                        due - interrupted.size(), interrupted.size(), provider.reuseDetected());
                assertThat(interrupted).as("only what a had in flight").hasSizeLessThanOrEqualTo(2);
                assertThat(provider.reuseDetected()).as("no rotated token presented twice").isZero();
            } finally {
                a.close();
            }
        }
    }

    /** Every connection refreshed (a new access token) or given up as interrupted: none left as it was. */
    private static boolean settled(Http node, int due) {
        for (int i = 0; i < due; i++) {
            JsonNode record = lookup(node, "conn_" + i);
            boolean untouched = record.get("status").asText().equals("ACTIVE")
                    && record.at("/credentials/access_token").asText().startsWith("old-access-");
            if (untouched) {
                return false;
            }
        }
        return true;
    }

    private static boolean serves(Http node, String connectionId, String accessToken) {
        return accessToken.equals(token(node, connectionId));
    }

    static String token(Http node, String connectionId) {
        return lookup(node, connectionId).at("/credentials/access_token").asText();
    }

    static JsonNode lookup(Http node, String connectionId) {
        HttpResponse<String> found = node.get(BY_CONNECTION + connectionId, RunningBroker.admin());
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return Fixtures.body(found);
    }
}
