package com.credbroker.broker.refresh;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.refresh.testing.Await;
import com.credbroker.refresh.testing.RotatingProvider;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker process killed with {@code kill -9} while its token request is at the provider: at the next
 * start the in-flight marker is found, the connection is EXPIRED with {@code refresh_interrupted}, and
 * the possibly rotated refresh token is never presented again.
 */
class RefreshCrashIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    @Test
    void aRefreshKilledInFlightIsExpiredAtRestartAndNotRetried() throws Exception {
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", dataDir.toString(),
                "CREDBROKER_MASTER_KEY", RunningBroker.randomKey(), "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY,
                "CREDBROKER_LOG_FORMAT", "text", "CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true",
                "CREDBROKER_REFRESH_INTERVAL", "PT1S", "CREDBROKER_TOKEN_READ_TIMEOUT", "PT40S",
                "CREDBROKER_REFRESH_LEASE", "PT10M");
        try (RotatingProvider provider = RotatingProvider.start()) {
            BrokerProcess first = BrokerProcess.start(env, logs.resolve("first.log")).awaitReady(START);
            String authConfigId = RefreshApi.authConfig(first.http, provider.tokenUrl());
            RefreshApi.connection(first.http, "conn_crash", authConfigId, provider.seed("crash"), 3600);
            provider.setLatency(Duration.ofSeconds(30));
            CompletableFuture.runAsync(() -> RefreshApi.forceRefresh(first.http, "conn_crash", RunningBroker.admin()));
            assertThat(Await.until(() -> provider.calls() == 1, Duration.ofSeconds(20))).isTrue();
            first.killHard();
            provider.setLatency(Duration.ZERO);

            try (BrokerProcess second = BrokerProcess.start(env, logs.resolve("second.log")).awaitReady(START)) {
                HttpResponse<String> read = second.http.get(BY_CONNECTION + "conn_crash", RunningBroker.admin());
                JsonNode body = Fixtures.body(read);
                HttpResponse<String> forced = RefreshApi.forceRefresh(second.http, "conn_crash",
                        RunningBroker.admin());

                assertThat(read.statusCode()).isEqualTo(200);
                assertThat(body.get("status").asText()).isEqualTo("EXPIRED");
                assertThat(body.get("status_reason").asText()).startsWith("refresh_interrupted: ");
                assertThat(forced.statusCode()).isEqualTo(409);
                assertThat(provider.calls()).isEqualTo(1);
                assertThat(provider.reuseDetected()).isZero();
                assertThat(second.logText()).contains("marked EXPIRED (refresh_interrupted)");
            }
        }
    }
}
