package com.credbroker.broker.authconfig;

import static com.credbroker.broker.authconfig.AuthConfigBodies.AUDIT;
import static com.credbroker.broker.authconfig.AuthConfigBodies.AUTH_CONFIGS;
import static com.credbroker.broker.authconfig.AuthConfigBodies.json;
import static com.credbroker.broker.authconfig.AuthConfigBodies.valid;
import static com.credbroker.broker.authconfig.AuthConfigBodies.with;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.credbroker.broker.testing.CapturedLogs;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.storage.testing.CanaryScan;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants canary client secrets through every auth-config write path, accepted and refused, and looks
 * for them where they must never be: response and error bodies, the audit trail, log lines and the
 * database and audit files.
 */
class AuthConfigSecrecyIT {
    static final String SECRET = "CANARYacsecret3f9d2b7e1a";
    static final String ROTATED = "CANARYacrotated8c4e6a0f2d";
    static final List<String> CANARIES = List.of(SECRET, ROTATED);
    static final Map<String, String> ADMIN = RunningBroker.admin();

    @TempDir
    Path dataDir;

    @Test
    void plantedClientSecretsAppearNowhereTheyMustNot() throws Exception {
        CapturedLogs logs = CapturedLogs.start();
        List<String> mustBeClean = new ArrayList<>();
        try (RunningBroker broker = new RunningBroker(dataDir)) {
            HttpResponse<String> created = broker.http.post(AUTH_CONFIGS, ADMIN, with("client_secret", SECRET));
            assertThat(created.statusCode()).isEqualTo(201);
            String item = AUTH_CONFIGS + "/" + body(created).get("auth_config_id").asText();
            mustBeClean.add(created.body());
            mustBeClean.addAll(successfulReadsAndWrites(broker, item));
            mustBeClean.addAll(refusedWrites(broker, item));
            mustBeClean.add(broker.http.get(AUDIT + "?limit=200", ADMIN).body());
            mustBeClean.add(broker.metrics());
            assertThat(broker.broker().storage().authConfigs().find(item.substring(item.lastIndexOf('/') + 1))
                    .orElseThrow().clientSecret()).isEqualTo(ROTATED);
        } finally {
            logs.close();
        }

        for (String text : mustBeClean) {
            assertThat(text).doesNotContain(CANARIES);
        }
        assertThat(logs.events()).isNotEmpty();
        for (ILoggingEvent event : logs.events()) {
            assertThat(event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage())).doesNotContain(CANARIES);
        }
        for (String canary : CANARIES) {
            assertThat(CanaryScan.find(dataDir, canary)).as(canary).isEmpty();
        }
    }

    private static List<String> successfulReadsAndWrites(RunningBroker broker, String item) {
        List<String> bodies = new ArrayList<>();
        bodies.add(broker.http.get(item, ADMIN).body());
        bodies.add(broker.http.get(AUTH_CONFIGS, ADMIN).body());
        HttpResponse<String> patched = broker.http.patch(item, ADMIN, "{\"client_secret\":\"" + ROTATED + "\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        bodies.add(patched.body());
        return bodies;
    }

    private static List<String> refusedWrites(RunningBroker broker, String item) {
        Map<String, Object> noneWithSecret = valid();
        noneWithSecret.put("client_auth_method", "none");
        noneWithSecret.put("client_secret", SECRET);
        Map<String, Object> badEndpoint = valid();
        badEndpoint.put("client_secret", SECRET);
        badEndpoint.put("token_endpoint", "http://insecure.example/token");
        Map<String, String> reader = Fixtures.key(broker.http, "api", "credentials:read", "credentials:write");
        List<String> bodies = new ArrayList<>();
        bodies.add(broker.http.post(AUTH_CONFIGS, ADMIN, json(noneWithSecret)).body());
        bodies.add(broker.http.post(AUTH_CONFIGS, ADMIN, json(badEndpoint)).body());
        bodies.add(broker.http.post(AUTH_CONFIGS, ADMIN, with("client_secret", SECRET + "\u00e9")).body());
        bodies.add(broker.http.post(AUTH_CONFIGS, ADMIN, with("client_secret", List.of(SECRET))).body());
        bodies.add(broker.http.post(AUTH_CONFIGS, ADMIN, "{\"client_secret\":\"" + SECRET + "\"").body());
        bodies.add(broker.http.post(AUTH_CONFIGS, ADMIN, with("client_secret_2", SECRET)).body());
        bodies.add(broker.http.post(AUTH_CONFIGS, reader, with("client_secret", SECRET)).body());
        bodies.add(broker.http.patch(item, ADMIN,
                "{\"client_auth_method\":\"none\",\"client_secret\":\"" + ROTATED + "\"}").body());
        bodies.add(broker.http.patch(item, reader, "{\"client_secret\":\"" + SECRET + "\"}").body());
        bodies.add(broker.http.patch(AUTH_CONFIGS + "/" + SECRET, ADMIN, "{\"client_secret\":\"" + SECRET + "\"}")
                .body());
        bodies.add(broker.http.get(AUTH_CONFIGS + "/" + SECRET, ADMIN).body());
        bodies.add(broker.http.delete(AUTH_CONFIGS + "/" + SECRET, ADMIN).body());
        return bodies;
    }
}
