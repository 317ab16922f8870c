package com.credbroker.broker.connect;

import static com.credbroker.broker.connect.ConnectApi.CLIENT_SECRET;
import static com.credbroker.broker.connect.ConnectApi.redirectUrl;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.storage.testing.CanaryScan;
import com.credbroker.broker.testing.CapturedLogs;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The connect flow's secrets (client secret, state, code, code verifier, tokens) and planted canaries
 * appear in no broker log line (debug included), error body, audit record, metric, redacted view or
 * database file.
 */
class ConnectSecrecyIT {
    private static final String CANARY_CODE = "CANARYcode5f4e3d2c1b0a";
    private static final String CANARY_STATE = "CANARYstate0123456789abcdefghij";

    @TempDir
    Path dataDir;

    @Test
    void noFlowSecretLeaks() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("com.credbroker");
        root.addAppender(logs);
        ours.setLevel(Level.DEBUG);
        List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, CANARY_CODE, CANARY_STATE));
        List<String> mustBeClean = new ArrayList<>();
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start();
        try (RunningBroker running = new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS",
                "true", "CREDBROKER_REFRESH_INTERVAL", "PT1H"))) {
            Browser browser = new Browser();
            String authConfigId = ConnectApi.authConfig(running.http, provider);
            JsonNode started = ConnectApi.initiated(running.http, authConfigId);
            String connectionId = started.get("connection_id").asText();
            URI callback = browser.follow(redirectUrl(started));
            secrets.add(Browser.query(callback).get("state"));
            secrets.add(Browser.query(callback).get("code"));
            URI back = browser.follow(callback);
            JsonNode active = ConnectApi.lookup(running.http, connectionId);
            secrets.add(active.get("code_verifier").asText());
            secrets.add(active.at("/credentials/access_token").asText());
            secrets.add(active.at("/credentials/refresh_token").asText());
            running.http.post(Fixtures.BY_CONNECTION + connectionId + "/refresh", RunningBroker.admin(), "");

            mustBeClean.add(back.toString());
            mustBeClean.add(browser.get(callback).body());
            mustBeClean.add(browser.get(Browser.withParam(Browser.withParam(callback, "state", CANARY_STATE),
                    "code", CANARY_CODE)).body());
            mustBeClean.add(browser.get(URI.create(callback.toString() + "&code=" + CANARY_CODE)).body());
            mustBeClean.add(running.http.get(Fixtures.BY_CONNECTION + connectionId,
                    Fixtures.key(running.http, "api", "credentials:read_metadata")).body());
            mustBeClean.add(running.http.get(Fixtures.CREDENTIALS + "/" + active.get("credential_id").asText()
                    + "/health", RunningBroker.admin()).body());
            mustBeClean.add(running.http.get("/v1/personal-connectors/admin/audit", RunningBroker.admin()).body());
            mustBeClean.add(running.metrics());
            mustBeClean.add(running.http.get(ConnectApi.AUTH_CONFIGS, RunningBroker.admin()).body());
        } finally {
            root.detachAppender(logs);
            ours.setLevel(null);
            provider.shutdown();
        }

        for (String text : mustBeClean) {
            assertThat(text).doesNotContain(secrets);
        }
        for (ILoggingEvent event : CapturedLogs.snapshot(logs)) {
            if (event.getLoggerName().startsWith("no.nav") || event.getLoggerName().startsWith("okhttp3")
                    || event.getLoggerName().startsWith("mockwebserver")) {
                continue; // the provider's own log lines
            }
            assertThat(event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage())).as(event.getLoggerName()).doesNotContain(secrets);
        }
        for (String secret : secrets) {
            assertThat(CanaryScan.find(dataDir, secret)).as("database files").isEmpty();
        }
    }
}
