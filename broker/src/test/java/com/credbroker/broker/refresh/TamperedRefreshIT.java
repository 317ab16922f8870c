package com.credbroker.broker.refresh;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.CapturedLogs;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.broker.testing.StoredPayloads;
import com.credbroker.refresh.testing.RotatingProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background refresh skips a connection whose payload was tampered with and refreshes all the others. */
class TamperedRefreshIT {
    @TempDir
    Path dataDir;
    private CapturedLogs logs;
    private RotatingProvider provider;
    private RunningBroker running;
    private String authConfigId;

    @BeforeEach
    void start() throws Exception {
        logs = CapturedLogs.start();
        provider = RotatingProvider.start();
        running = RefreshApi.brokerRefreshingOnDemand(dataDir);
        authConfigId = RefreshApi.authConfig(running.http, provider.tokenUrl());
    }

    @AfterEach
    void stop() {
        running.close();
        provider.close();
        logs.close();
    }

    @Test
    void theSchedulerRefreshesEveryOtherConnectionAndCountsTheUnreadableOne() throws Exception {
        for (String name : new String[] {"a", "b", "victim"}) {
            RefreshApi.connection(running.http, "conn_" + name, authConfigId, provider.seed(name), 600);
        }
        flipLastBit("conn_victim");

        for (int round = 1; round <= 2; round++) {
            running.clock.advance(Duration.ofHours(1));
            running.broker().refresh().scanner().runOnce();
            assertThat(running.broker().refresh().awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(provider.calls()).as("scan %d", round).isEqualTo(2L * round);
        }

        assertThat(accessToken("conn_a")).isEqualTo(provider.currentAccessToken("a"));
        assertThat(accessToken("conn_b")).isEqualTo(provider.currentAccessToken("b"));
        assertThat(provider.calls("victim")).isZero();
        assertThat(running.http.get(BY_CONNECTION + "conn_victim", RunningBroker.admin()).statusCode()).isEqualTo(500);
        String metrics = running.metrics();
        assertThat(metrics).contains("credbroker_decryption_failures_total{source=\"refresh\"} 2.0");
        assertThat(logs.events()).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("failed to decrypt").contains("not refreshed"));
        assertThat(logs.events()).noneSatisfy(event -> assertThat(event.getFormattedMessage())
                .contains(RefreshApi.CLIENT_SECRET));
    }

    private String accessToken(String connectionId) {
        return Fixtures.body(running.http.get(BY_CONNECTION + connectionId, RunningBroker.admin()))
                .at("/credentials/access_token").asText();
    }

    private void flipLastBit(String connectionId) throws Exception {
        byte[] payload = StoredPayloads.read(running, connectionId);
        StoredPayloads.write(running, connectionId, StoredPayloads.flipped(payload, payload.length - 1));
    }
}
