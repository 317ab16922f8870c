package com.credbroker.broker.metrics;

import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Http;
import com.credbroker.broker.testing.RunningBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} names auth config IDs, so the API port does not serve it, to anyone: the management
 * listener (its own port, loopback by default) does. Health checks stay on the API port.
 */
class ManagementListenerIT {
    @TempDir
    static Path dataDir;
    static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(dataDir);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void theApiPortDoesNotServeMetricsWithOrWithoutAKey() {
        for (Map<String, String> headers : java.util.List.of(Map.<String, String>of(), RunningBroker.admin())) {
            HttpResponse<String> response = broker.http.get("/metrics", headers);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(body(response).at("/error/code").asText()).isEqualTo("not_found");
            assertThat(response.body()).doesNotContain("credbroker_");
        }
    }

    @Test
    void theManagementPortServesPrometheusTextWithoutAKey() {
        HttpResponse<String> response = new Http(broker.broker().managementPort()).get("/metrics", Map.of());

        assertThat(broker.broker().managementPort()).isNotEqualTo(broker.port());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains("credbroker_lookup_cache_size");
    }

    @Test
    void healthStaysOnTheApiPortAndTheManagementPortServesNothingElse() {
        assertThat(broker.http.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> other = new Http(broker.broker().managementPort()).get("/v1/personal-connectors/admin"
                + "/credentials", RunningBroker.admin());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(body(other).at("/error/code").asText()).isEqualTo("not_found");
    }
}
