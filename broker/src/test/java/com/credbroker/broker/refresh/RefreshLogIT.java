package com.credbroker.broker.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.credbroker.broker.testing.CapturedLogs;
import com.credbroker.broker.testing.RunningBroker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed refresh and a status change reach the log once, with connection ID, outcome, class and reason:
 * however many callers shared the refresh, and never for a success that changed nothing.
 */
class RefreshLogIT extends OnRefreshingBroker {
    private CapturedLogs logs;

    @BeforeEach
    void captureLogs() {
        logs = CapturedLogs.start();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void aTokenThatExpiresWhileTheProviderFailsIsLoggedOnceEachWay() throws Exception {
        RefreshApi.connection(running.http, "conn_flap", authConfigId, provider.seed("flap"), 60);
        running.clock.advance(Duration.ofMinutes(2));
        provider.failNext(503, "{}");

        assertThat(forceRefresh("conn_flap").headers().firstValue("X-Refresh-Outcome")).hasValue("transient");
        assertThat(lines("conn_flap")).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).startsWith("refresh failed: ").contains("outcome=transient",
                    "class=transient", "trigger=forced", "previous_status=ACTIVE", "status=EXPIRED",
                    "reason=refresh_failed: http_503");
        });

        running.clock.advance(Duration.ofMinutes(20)); // past the longest backoff
        provider.setLatency(Duration.ofMillis(200)); // the callers overlap: some share a refresh, later ones send
        List<Future<HttpResponse<String>>> callers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                callers.add(threads.submit(() -> forceRefresh("conn_flap")));
            }
            for (Future<HttpResponse<String>> caller : callers) {
                assertThat(caller.get().statusCode()).isIn(200, 429);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(lines("conn_flap")).hasSize(2).last().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage()).startsWith("status changed: ").contains("previous_status=EXPIRED",
                    "status=ACTIVE", "outcome=success");
        });
    }

    @Test
    void aDeadRefreshTokenIsOnePermanentLineWithTheProvidersReason() {
        RefreshApi.connection(running.http, "conn_dead", authConfigId, provider.seed("dead"), 3600);
        provider.failNext(400, "{\"error\":\"invalid_grant\",\"error_description\":\"token revoked\"}");

        forceRefresh("conn_dead");
        HttpResponse<String> again = forceRefresh("conn_dead");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(lines("conn_dead")).singleElement().satisfies(line -> assertThat(line.getFormattedMessage())
                .contains("outcome=invalid_grant", "class=permanent", "previous_status=ACTIVE", "status=EXPIRED",
                        "reason=invalid_grant: token revoked"));
    }

    @Test
    void aSuccessThatChangesNothingIsNotLogged() {
        RefreshApi.connection(running.http, "conn_fine", authConfigId, provider.seed("fine"), 3600);

        assertThat(forceRefresh("conn_fine").headers().firstValue("X-Refresh-Outcome")).hasValue("success");
        assertThat(lines("conn_fine")).isEmpty();
    }

    private HttpResponse<String> forceRefresh(String connectionId) {
        return RefreshApi.forceRefresh(running.http, connectionId, RunningBroker.admin());
    }

    /** The refresh lines about one connection. */
    private List<ILoggingEvent> lines(String connectionId) {
        return List.copyOf(logs.events()).stream()
                .filter(e -> e.getLoggerName().equals(RefreshCommits.class.getName()))
                .filter(e -> e.getFormattedMessage().contains("connection_id=" + connectionId + " "))
                .toList();
    }
}
