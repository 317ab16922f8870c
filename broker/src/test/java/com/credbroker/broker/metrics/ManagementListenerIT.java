package com.credbroker.broker.metrics;

import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Http;
import com.credbroker.broker.testing.OnRunningBroker;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.refresh.engine.RefreshOutcome;
import com.credbroker.refresh.engine.RefreshTrigger;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} names auth config IDs, so the API port does not serve it, to anyone: the management
 * listener (its own port, loopback by default) does. Health checks stay on the API port.
 */
class ManagementListenerIT extends OnRunningBroker {
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

    /** Issue 16: an {@code absent()} alert on a known outcome must not fire on an idle broker. */
    @Test
    void everyKnownOutcomeIsThereAtZeroOnAFreshBroker() {
        String metrics = broker.metrics();

        for (String outcome : BrokerMetrics.LOOKUP_OUTCOMES) {
            assertThat(metrics).contains("credbroker_lookups_total{outcome=\"" + outcome + "\"} 0.0");
        }
        for (String result : BrokerMetrics.TEST_RESULTS) {
            assertThat(metrics).contains("credbroker_connection_tests_total{result=\"" + result + "\"} 0.0");
        }
        for (RefreshOutcome outcome : RefreshOutcome.values()) {
            for (RefreshTrigger trigger : RefreshTrigger.values()) {
                assertThat(metrics).contains("credbroker_refresh_outcomes_total{auth_config=\"none\",outcome=\""
                        + outcome.label() + "\",trigger=\"" + trigger.label() + "\"} 0.0");
            }
        }
        assertThat(metrics).contains("credbroker_audit_failures_total 0.0")
                .contains("credbroker_decryption_failures_total{source=\"request\"} 0.0")
                .contains("credbroker_decryption_failures_total{source=\"refresh\"} 0.0");
    }

    /** A handful of buckets an operator can read (Micrometer's percentile histogram has 69). */
    @Test
    void theRefreshLatencyHistogramHasNineBucketsAndInfinity() {
        List<String> buckets = broker.metrics().lines()
                .filter(line -> line.startsWith("credbroker_refresh_latency_seconds_bucket{")
                        && line.contains("outcome=\"success\""))
                .map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1")).toList();

        assertThat(buckets).containsExactly("0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "30.0",
                "+Inf");
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
