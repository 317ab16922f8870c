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
        try (RotatingProvider provider = RotatingProvider.start();
             BrokerProcess a = cluster.start("a");
             BrokerProcess b = cluster.start("b")) {
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
        try (RotatingProvider provider = RotatingProvider.start();
             BrokerProcess a = cluster.start("a");
             BrokerProcess b = cluster.start("b")) {
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
        }
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
