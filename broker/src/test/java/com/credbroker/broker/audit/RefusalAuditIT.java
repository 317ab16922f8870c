package com.credbroker.broker.audit;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.connect.ConnectRoutes;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of refused requests becomes a few audit records with the right counts (one per client, reason
 * and window), while every disclosure of a secret is still one record each.
 */
class RefusalAuditIT {
    static final String AUDIT = "/v1/personal-connectors/admin/audit?limit=100";

    @TempDir
    Path dataDir;

    @Test
    void fiveHundredBadKeysInAWindowBecomeTwoRecordsAndEachDisclosureStaysOneRecord() throws Exception {
        try (RunningBroker broker = new RunningBroker(dataDir)) {
            broker.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_flood", "tok-flood", 3600));
            for (int i = 0; i < 500; i++) {
                broker.http.get(BY_CONNECTION + "conn_flood", Map.of("X-API-Key", "cbk_wrong_" + i));
            }
            for (int i = 0; i < 3; i++) {
                assertThat(broker.http.get(BY_CONNECTION + "conn_flood", RunningBroker.admin()).statusCode())
                        .isEqualTo(200);
            }
            broker.clock.advance(Duration.ofSeconds(61));
            broker.http.get(BY_CONNECTION + "conn_flood", Map.of()); // a refusal in the next window flushes the last

            List<JsonNode> items = items(broker);
            List<JsonNode> refusals = items.stream().filter(item -> !item.get("refusals").isNull()).toList();
            assertThat(refusals).extracting(item -> item.get("outcome").asText() + "/"
                    + item.at("/refusals/count").asLong() + "/" + item.at("/refusals/client").asText())
                    .containsExactlyInAnyOrder("unauthenticated/20/127.0.0.1", "too_many_requests/480/127.0.0.1");
            assertThat(refusals).allSatisfy(item -> {
                assertThat(item.get("action").asText()).isEqualTo("credential.read");
                assertThat(item.get("connection_id").asText()).isEqualTo("conn_flood");
                assertThat(item.toString()).doesNotContain("cbk_wrong");
            });
            assertThat(items).filteredOn(item -> item.get("outcome").asText().equals("success")
                    && item.get("action").asText().equals("credential.read")).hasSize(3);
            assertThat(items).hasSize(1 + 3 + 2); // the create, three reads, two aggregates
            assertThat(broker.broker().storage().auditLog().verify().intact()).isTrue();
        }
    }

    @Test
    void bogusCallbackStatesAreCountedPerClientAndPendingCountsAreWrittenAtShutdown() throws Exception {
        RunningBroker broker = new RunningBroker(dataDir);
        try (broker) {
            for (int i = 0; i < 50; i++) {
                assertThat(broker.http.get(ConnectRoutes.CALLBACK + "?code=c&state=bogus-state-0123456789-" + i,
                        Map.of()).statusCode()).isEqualTo(400);
            }
            assertThat(broker.http.get(ConnectRoutes.CALLBACK + "?state=short", Map.of()).statusCode())
                    .isEqualTo(400);
        }
        try (RunningBroker reopened = reopen(broker)) {
            List<String> callbacks = new ArrayList<>();
            for (JsonNode item : items(reopened)) {
                if (item.get("action").asText().equals("connection.callback")) {
                    callbacks.add(item.get("outcome").asText() + "/" + item.at("/refusals/count").asLong());
                }
            }
            assertThat(callbacks).containsExactlyInAnyOrder("state_unknown/50", "invalid_state/1");
        }
    }

    private RunningBroker reopen(RunningBroker previous) throws Exception {
        return new RunningBroker(dataDir, Map.of("CREDBROKER_MASTER_KEY", previous.masterKey));
    }

    private static List<JsonNode> items(RunningBroker broker) {
        List<JsonNode> items = new ArrayList<>();
        body(broker.http.get(AUDIT, RunningBroker.admin())).get("items").forEach(items::add);
        return items;
    }
}
