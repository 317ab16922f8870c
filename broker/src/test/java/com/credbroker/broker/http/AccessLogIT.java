package com.credbroker.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.credbroker.broker.testing.CapturedLogs;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One access-log line per request: method, route template, status, duration, key ID, request ID; the path,
 * query and body a caller sent, and its key, appear in no log line. {@code CREDBROKER_ACCESS_LOG=false}
 * switches the lines off.
 */
class AccessLogIT {
    private static final String PATH_CANARY = "conn_PATHCANARY7f3a";
    private static final String QUERY_CANARY = "QUERYCANARY91bd";
    private static final String BODY_CANARY = "BODYCANARY0c4e";

    @TempDir
    Path dataDir;
    private CapturedLogs logs;

    @BeforeEach
    void capture() {
        AccessLog.flush(); // lines of an earlier test's broker, if any, go before the capture starts
        logs = CapturedLogs.start();
    }

    @AfterEach
    void release() {
        logs.close();
    }

    @Test
    void everyRequestIsOneLineWithTheRouteTemplateAndNoSecret() throws Exception {
        Fixtures.Key key;
        try (RunningBroker broker = new RunningBroker(dataDir)) {
            key = Fixtures.createKey(broker.http, "api", "credentials:read", "credentials:write");
            broker.http.get(Fixtures.BY_CONNECTION + PATH_CANARY + "?x=" + QUERY_CANARY, with(key, "req-lookup"));
            broker.http.post(Fixtures.CREDENTIALS, with(key, "req-create"),
                    Fixtures.oauth2("conn_access", BODY_CANARY, 3600));
            broker.http.get(Fixtures.BY_CONNECTION + "conn_access", with(key, "req-found"));
            broker.http.get("/no/such/" + PATH_CANARY, Map.of(RequestIds.HEADER, "req-unmatched"));
            broker.http.get("/health/live", Map.of(RequestIds.HEADER, "req-health"));
        }

        Map<String, Map<String, String>> lines = accessLinesByRequestId();
        // a lookup takes no query parameters: refused (400) before its key is looked at, logged by its route
        assertThat(lines.get("req-lookup")).containsEntry("method", "GET")
                .containsEntry("route", "/v1/personal-connectors/admin/credentials/by-connection/{connection_id}")
                .containsEntry("status", "400").containsEntry("key_id", "-")
                .hasEntrySatisfying("duration_ms", d -> assertThat(Long.parseLong(d)).isNotNegative());
        assertThat(lines.get("req-create")).containsEntry("method", "POST")
                .containsEntry("route", "/v1/personal-connectors/admin/credentials").containsEntry("status", "201")
                .containsEntry("key_id", key.id());
        assertThat(lines.get("req-found")).containsEntry("status", "200").containsEntry("key_id", key.id())
                .containsEntry("route", "/v1/personal-connectors/admin/credentials/by-connection/{connection_id}");
        assertThat(lines.get("req-unmatched")).containsEntry("route", "-").containsEntry("status", "404")
                .containsEntry("key_id", "-");
        assertThat(lines.get("req-health")).containsEntry("route", "/health/live").containsEntry("status", "200");

        String secret = key.headers().values().iterator().next();
        for (ILoggingEvent event : logs.events()) {
            String line = event.getFormattedMessage() + event.getMDCPropertyMap()
                    + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain(PATH_CANARY, QUERY_CANARY, BODY_CANARY, secret, RunningBroker.ADMIN_KEY);
        }
    }

    @Test
    void theAccessLogCanBeSwitchedOff() throws Exception {
        try (RunningBroker broker = new RunningBroker(dataDir, Map.of("CREDBROKER_ACCESS_LOG", "false"))) {
            assertThat(broker.http.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
            assertThat(broker.http.get(Fixtures.CREDENTIALS, RunningBroker.admin()).statusCode()).isEqualTo(200);
        }

        assertThat(logs.events()).noneMatch(e -> e.getLoggerName().equals(AccessLog.LOGGER));
    }

    /** The access lines, each parsed into its {@code name=value} fields, by request ID; one line per ID. */
    private Map<String, Map<String, String>> accessLinesByRequestId() {
        AccessLog.flush(); // the writer thread would write them within its interval
        Map<String, Map<String, String>> byId = new HashMap<>();
        for (ILoggingEvent event : List.copyOf(logs.events())) {
            if (!event.getLoggerName().equals(AccessLog.LOGGER)) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String part : event.getFormattedMessage().split(" ")) {
                String[] pair = part.split("=", 2);
                fields.put(pair[0], pair[1]);
            }
            assertThat(fields).containsOnlyKeys("method", "route", "status", "duration_ms", "key_id", "request_id");
            assertThat(byId.put(fields.get("request_id"), fields)).as("one line per request").isNull();
        }
        return byId;
    }

    private static Map<String, String> with(Fixtures.Key key, String requestId) {
        Map<String, String> headers = new HashMap<>(key.headers());
        headers.put(RequestIds.HEADER, requestId);
        return headers;
    }
}
