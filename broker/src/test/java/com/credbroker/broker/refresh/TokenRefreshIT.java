package com.credbroker.broker.refresh;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Token refresh through the real server on a random port, against a rotating provider. */
class TokenRefreshIT extends OnRefreshingBroker {
    private JsonNode lookup(String connectionId) {
        HttpResponse<String> response = running.http.get(BY_CONNECTION + connectionId, RunningBroker.admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Fixtures.body(response);
    }

    @Test
    void aLookupOfATokenAboutToExpireGetsAFreshTokenFromOneProviderCall() {
        RefreshApi.connection(running.http, "conn_read", authConfigId, provider.seed("read"), 10);

        JsonNode first = lookup("conn_read");
        JsonNode second = lookup("conn_read");

        assertThat(first.at("/credentials/access_token").asText()).isEqualTo(provider.currentAccessToken("read"));
        assertThat(first.at("/credentials/refresh_token").asText()).isEqualTo(provider.currentRefreshToken("read"));
        assertThat(first.at("/credentials/expires_in").asLong()).isEqualTo(3600);
        assertThat(first.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(first.get("status_reason").isNull()).isTrue();
        assertThat(second).isEqualTo(first);
        assertThat(provider.calls()).isEqualTo(1);
        HttpResponse<String> audit = running.http.get("/v1/personal-connectors/admin/audit?connection_id=conn_read",
                RunningBroker.admin());
        assertThat(audit.body()).contains("credential.refresh.read").contains("credential.read");
    }

    @Test
    void concurrentLookupsOfAnExpiredTokenShareOneRefresh() throws Exception {
        provider.setLatency(Duration.ofMillis(200));
        RefreshApi.connection(running.http, "conn_stampede", authConfigId, provider.seed("stampede"), 5);
        running.clock.advance(Duration.ofSeconds(10));
        ExecutorService threads = Executors.newFixedThreadPool(64);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> lookups = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                lookups.add(threads.submit(() -> {
                    go.await();
                    return running.http.get(BY_CONNECTION + "conn_stampede", RunningBroker.admin());
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> lookup : lookups) {
                HttpResponse<String> response = lookup.get();
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(Fixtures.body(response).at("/credentials/access_token").asText())
                        .isEqualTo(provider.currentAccessToken("stampede"));
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(provider.reuseDetected()).isZero();
    }

    @Test
    void theScheduledRefreshReplacesTheCachedResponse() {
        RefreshApi.connection(running.http, "conn_scheduled", authConfigId, provider.seed("scheduled"), 600);
        JsonNode before = lookup("conn_scheduled");

        running.clock.advance(Duration.ofMinutes(6));
        var scan = running.broker().refresh().scanner().runOnce();
        assertThat(running.broker().refresh().awaitIdle(Duration.ofSeconds(10))).isTrue();
        JsonNode after = lookup("conn_scheduled");

        assertThat(scan.claimed()).isEqualTo(1);
        assertThat(before.at("/credentials/access_token").asText()).isEqualTo("old-access-conn_scheduled");
        assertThat(after.at("/credentials/access_token").asText()).isEqualTo(provider.currentAccessToken("scheduled"));
        assertThat(provider.calls()).isEqualTo(1);
    }

    @Test
    void forcedRefreshAnswersWithTheRecordAndItsOutcome() {
        RefreshApi.connection(running.http, "conn_forced", authConfigId, provider.seed("forced"), 3600);
        Map<String, String> refresher = Fixtures.key(running.http, "api", "credentials:refresh");
        Map<String, String> reader = Fixtures.key(running.http, "api", "credentials:read");

        HttpResponse<String> forced = RefreshApi.forceRefresh(running.http, "conn_forced", refresher);
        HttpResponse<String> denied = RefreshApi.forceRefresh(running.http, "conn_forced", reader);
        HttpResponse<String> unknown = RefreshApi.forceRefresh(running.http, "conn_nobody", refresher);

        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(forced.headers().firstValue("X-Refresh-Outcome")).hasValue("success");
        assertThat(Fixtures.body(forced).get("is_redacted").asBoolean()).isTrue();
        assertThat(lookup("conn_forced").at("/credentials/access_token").asText())
                .isEqualTo(provider.currentAccessToken("forced"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(provider.calls()).isEqualTo(1);
    }

    /** Issue 16 item 8: one forced refresh is one audit record, with the admin's key and the request ID. */
    @Test
    void aForcedRefreshIsOneAuditRecordWithItsKeyAndRequestId() {
        RefreshApi.connection(running.http, "conn_audited", authConfigId, provider.seed("audited"), 3600);

        HttpResponse<String> forced = RefreshApi.forceRefresh(running.http, "conn_audited", RunningBroker.admin());

        assertThat(forced.statusCode()).isEqualTo(200);
        List<JsonNode> refreshes = new ArrayList<>();
        Fixtures.body(running.http.get("/v1/personal-connectors/admin/audit?connection_id=conn_audited",
                RunningBroker.admin())).get("items").forEach(item -> {
                    if (item.get("action").asText().startsWith("credential.refresh")) {
                        refreshes.add(item);
                    }
                });
        assertThat(refreshes).hasSize(1);
        assertThat(refreshes.get(0).get("action").asText()).isEqualTo("credential.refresh.forced");
        assertThat(refreshes.get(0).get("outcome").asText()).isEqualTo("success");
        assertThat(refreshes.get(0).get("key_id").asText()).startsWith("key_");
        assertThat(refreshes.get(0).get("request_id").asText())
                .isEqualTo(forced.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void forcedRefreshRefusesWhatCannotBeRefreshedAndBacksOffAfterAFailure() {
        running.http.post(Fixtures.CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_plain", "tok", 3600));
        RefreshApi.connection(running.http, "conn_failing", authConfigId, provider.seed("failing"), 3600);
        provider.failNext(503, "{}");

        HttpResponse<String> notRefreshable = RefreshApi.forceRefresh(running.http, "conn_plain", RunningBroker.admin());
        HttpResponse<String> failed = RefreshApi.forceRefresh(running.http, "conn_failing", RunningBroker.admin());
        HttpResponse<String> backingOff = RefreshApi.forceRefresh(running.http, "conn_failing", RunningBroker.admin());

        assertThat(notRefreshable.statusCode()).isEqualTo(409);
        assertThat(Fixtures.body(notRefreshable).at("/error/code").asText()).isEqualTo("not_refreshable");
        // issue 16 item 5: a forced refresh that produced no new tokens is not a 200; the header and body say why
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("X-Refresh-Outcome")).hasValue("transient");
        assertThat(failed.headers().firstValue("Retry-After")).isPresent();
        assertThat(Fixtures.body(failed).at("/error/code").asText()).isEqualTo("refresh_unavailable");
        assertThat(Fixtures.body(failed).at("/error/message").asText()).startsWith("refresh outcome transient")
                .contains("refresh_failed: http_503");
        JsonNode after = lookup("conn_failing");
        assertThat(after.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(after.get("status_reason").asText()).startsWith("refresh_failed: http_503");
        assertThat(backingOff.statusCode()).isEqualTo(429);
        assertThat(backingOff.headers().firstValue("Retry-After")).isPresent();
        assertThat(backingOff.headers().firstValue("X-Refresh-Outcome")).hasValue("backing_off");
        assertThat(provider.calls()).isEqualTo(1);
    }

    /**
     * Issue 14 item 7: the schedule's pause after refreshing a token that lives shorter than the refresh window
     * (60 s against 5 min) does not hold a forced refresh; a 429 comes only from a failure's backoff or the
     * provider's Retry-After, and says which.
     */
    @Test
    void aForcedRefreshRightAfterARefreshIsSentAndA429SaysWhatHoldsIt() {
        provider.setExpiresIn(60L);
        RefreshApi.connection(running.http, "conn_short", authConfigId, provider.seed("short"), 60);

        HttpResponse<String> first = RefreshApi.forceRefresh(running.http, "conn_short", RunningBroker.admin());
        HttpResponse<String> second = RefreshApi.forceRefresh(running.http, "conn_short", RunningBroker.admin());

        assertThat(first.headers().firstValue("X-Refresh-Outcome")).hasValue("success");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Refresh-Outcome")).hasValue("success");
        assertThat(provider.calls("short")).isEqualTo(2);
        assertThat(lookup("conn_short").at("/credentials/access_token").asText())
                .isEqualTo(provider.currentAccessToken("short"));

        provider.failNext(429, "{}", Map.of("Retry-After", "120"));
        HttpResponse<String> limited = RefreshApi.forceRefresh(running.http, "conn_short", RunningBroker.admin());
        HttpResponse<String> waiting = RefreshApi.forceRefresh(running.http, "conn_short", RunningBroker.admin());

        assertThat(limited.headers().firstValue("X-Refresh-Outcome")).hasValue("rate_limited");
        assertThat(waiting.statusCode()).isEqualTo(429);
        assertThat(Fixtures.body(waiting).at("/error/code").asText()).isEqualTo("refresh_backoff");
        assertThat(Fixtures.body(waiting).at("/error/message").asText()).contains("provider").contains("Retry-After")
                .doesNotContain("backing off after a failure");
        assertThat(waiting.headers().firstValue("Retry-After")).hasValue("121");

        running.clock.advance(Duration.ofSeconds(121));
        provider.failNext(503, "{}");
        HttpResponse<String> failed = RefreshApi.forceRefresh(running.http, "conn_short", RunningBroker.admin());
        HttpResponse<String> backingOff = RefreshApi.forceRefresh(running.http, "conn_short", RunningBroker.admin());

        assertThat(failed.headers().firstValue("X-Refresh-Outcome")).hasValue("transient");
        assertThat(backingOff.statusCode()).isEqualTo(429);
        assertThat(Fixtures.body(backingOff).at("/error/message").asText()).contains("backing off after a failure")
                .doesNotContain("Retry-After");
        assertThat(provider.calls("short")).isEqualTo(4);
        assertThat(provider.reuseDetected()).isZero();
    }

    @Test
    void refreshMetricsAreScrapedWithoutSecrets() {
        RefreshApi.connection(running.http, "conn_metrics", authConfigId, provider.seed("metrics"), 10);
        lookup("conn_metrics");
        running.broker().refresh().scanner().sample();

        String metrics = running.metrics();

        assertThat(metrics).contains("credbroker_refresh_outcomes_total{auth_config=\"" + authConfigId
                + "\",outcome=\"success\",trigger=\"read\"} 1.0");
        assertThat(metrics).contains("credbroker_refresh_latency_seconds_bucket{outcome=\"success\"");
        assertThat(metrics).contains("credbroker_refresh_due_backlog 0.0");
        assertThat(metrics).contains("credbroker_connections{status=\"ACTIVE\"} 1.0");
        assertThat(metrics).contains("credbroker_refresh_in_flight");
        assertThat(metrics).doesNotContain(provider.currentAccessToken("metrics"))
                .doesNotContain(provider.currentRefreshToken("metrics")).doesNotContain(RefreshApi.CLIENT_SECRET);
    }
}
