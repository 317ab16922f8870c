package com.credbroker.broker.http;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.storage.testing.CanaryScan;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Plants recognisable canary secrets through every write path and looks for them where they must
 * never be: log lines, error bodies, the audit trail, the redacted views, and the database files.
 */
class CanaryLeakIT {
    static final String ACCESS = "CANARYaccess9f8e7d6c5b4a";
    static final String REFRESH = "CANARYrefresh1a2b3c4d5e6f";
    static final String ID_TOKEN = "CANARYidtoken77aa88bb99cc";
    static final String HEADER = "CANARYheader0011223344556";
    static final String EMAIL = "canary-mail-5e5e5e@example.com";
    static final List<String> CANARIES = List.of(ACCESS, REFRESH, ID_TOKEN, HEADER, EMAIL);

    @TempDir
    Path dataDir;

    @Test
    void plantedSecretsAppearNowhereTheyMustNot() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        List<String> mustBeClean = new ArrayList<>();
        try (RunningBroker broker = new RunningBroker(dataDir)) {
            String create = "{\"connection_id\":\"conn_canary\",\"app_name\":\"google\",\"auth_scheme\":\"OAUTH2\","
                    + "\"account_email\":\"" + EMAIL + "\",\"id_token\":\"" + ID_TOKEN + "\","
                    + "\"extra_headers\":{\"X-Api-Token\":\"" + HEADER + "\"},"
                    + "\"credentials\":{\"access_token\":\"" + ACCESS + "\",\"refresh_token\":\"" + REFRESH
                    + "\",\"expires_in\":3600}}";
            HttpResponse<String> created = broker.http.post(CREDENTIALS, RunningBroker.admin(), create);
            assertThat(created.statusCode()).isEqualTo(201);
            String id = body(created).get("credential_id").asText();
            broker.http.patch(CREDENTIALS + "/" + id, RunningBroker.admin(),
                    "{\"credentials\":{\"access_token\":\"" + ACCESS + "\"}}");
            assertThat(broker.http.get(BY_CONNECTION + "conn_canary", RunningBroker.admin()).body()).contains(ACCESS);

            mustBeClean.add(broker.http.post(CREDENTIALS, RunningBroker.admin(), create.replace("}}", "}")).body());
            mustBeClean.add(broker.http.post(CREDENTIALS, RunningBroker.admin(),
                    create.replace("3600", "\"" + ACCESS + "\"")).body());
            mustBeClean.add(broker.http.post(CREDENTIALS, RunningBroker.admin(),
                    create.replace("\"OAUTH2\"", "\"" + REFRESH + "\"")).body());
            mustBeClean.add(broker.http.post(CREDENTIALS, RunningBroker.admin(),
                    create.replace("\"conn_canary\"", "\"" + ACCESS + "/..\"")).body());
            mustBeClean.add(broker.http.get(BY_CONNECTION + "conn_canary", java.util.Map.of("X-API-Key", ACCESS)).body());
            mustBeClean.add(broker.http.get(BY_CONNECTION + "conn_canary",
                    Fixtures.key(broker.http, "api", "credentials:read_metadata")).body().replace(EMAIL, ""));
            mustBeClean.add(broker.http.get(CREDENTIALS + "?app_name=google", RunningBroker.admin()).body());
            mustBeClean.add(broker.http.get("/v1/personal-connectors/admin/audit", RunningBroker.admin()).body());
            mustBeClean.add(broker.http.get("/metrics", java.util.Map.of()).body());
        } finally {
            root.detachAppender(logs);
        }

        for (String text : mustBeClean) {
            assertThat(text).doesNotContain(CANARIES);
        }
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage() + String.valueOf(event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage())).doesNotContain(CANARIES);
        }
        assertDatabaseFilesHoldNoCanary();
    }

    private void assertDatabaseFilesHoldNoCanary() throws Exception {
        for (String canary : CANARIES) {
            assertThat(CanaryScan.find(dataDir, canary)).as(canary).isEmpty();
        }
    }
}
