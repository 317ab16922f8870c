package com.credbroker.broker.credential;

import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code credentials:write} key cannot change where an existing connection's secrets go (auth config,
 * base URL, test endpoint, callback URL, the per-connection template fields in connection_config): that needs {@code credentials:read} or {@code admin}. No key may
 * move a connection to an auth config of another app.
 */
class RetargetingIT {
    static final String AUTH_CONFIGS = "/v1/personal-connectors/admin/auth-configs";
    @TempDir
    static Path dataDir;
    static RunningBroker broker;
    static final Map<String, String> ADMIN = RunningBroker.admin();
    static Map<String, String> writer;
    static Map<String, String> readerWriter;
    static String githubConfig;
    static String slackConfig;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(dataDir);
        writer = Fixtures.key(broker.http, "api", "credentials:write", "credentials:refresh",
                "credentials:read_metadata");
        readerWriter = Fixtures.key(broker.http, "api", "credentials:write", "credentials:read");
        githubConfig = authConfig("github");
        slackConfig = authConfig("slack");
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static String authConfig(String app) {
        HttpResponse<String> created = broker.http.post(AUTH_CONFIGS, ADMIN, "{\"app_name\":\"" + app + "\","
                + "\"token_endpoint\":\"https://" + app + ".example/token\",\"client_id\":\"c-" + app + "\","
                + "\"client_secret\":\"s-" + app + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created).get("auth_config_id").asText();
    }

    static String create(String connectionId) {
        HttpResponse<String> created = broker.http.post(CREDENTIALS, ADMIN, withTargets(connectionId, githubConfig,
                "https://api.github.example"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created).get("credential_id").asText();
    }

    static String withTargets(String connectionId, String authConfigId, String baseUrl) {
        return Fixtures.oauth2(connectionId, "tok-" + connectionId, 3600).replaceFirst("\\}$",
                ",\"auth_config_id\":\"" + authConfigId + "\",\"base_url\":\"" + baseUrl + "\"}");
    }

    @Test
    void aWriteOnlyKeyCannotRepointAnExistingConnection() {
        String id = create("conn_rt_patch");
        for (String patch : new String[] {"{\"base_url\":\"https://attacker.example\"}",
            "{\"test_request_endpoint\":\"https://attacker.example/t\"}",
            "{\"callback_url\":\"https://attacker.example/cb\"}", "{\"auth_config_id\":null}",
            "{\"connection_config\":{\"subdomain\":\"attacker\"}}",
            "{\"extra_data\":{\"connection_config\":{\"subdomain\":\"attacker\"}}}"}) {
            HttpResponse<String> refused = broker.http.patch(CREDENTIALS + "/" + id, writer, patch);

            assertThat(refused.statusCode()).as(patch).isEqualTo(403);
            assertThat(body(refused).at("/error/code").asText()).isEqualTo("insufficient_scope");
            assertThat(body(refused).at("/error/message").asText()).contains("credentials:read");
        }
        HttpResponse<String> stored = broker.http.get(CREDENTIALS + "/" + id, ADMIN);
        assertThat(body(stored).get("base_url").asText()).isEqualTo("https://api.github.example");
        assertThat(body(stored).get("auth_config_id").asText()).isEqualTo(githubConfig);
    }

    @Test
    void aWriteOnlyKeyCannotRepointAnExistingConnectionByUpsert() {
        create("conn_rt_upsert");

        HttpResponse<String> refused = broker.http.post(CREDENTIALS, writer,
                withTargets("conn_rt_upsert", githubConfig, "https://attacker.example"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(body(refused).at("/error/code").asText()).isEqualTo("insufficient_scope");
    }

    @Test
    void aWriteOnlyKeyMayStillChangeOtherFieldsAndRepeatTheSameTargets() {
        String id = create("conn_rt_other");

        assertThat(broker.http.patch(CREDENTIALS + "/" + id, writer, "{\"account_email\":\"a@example.com\","
                + "\"base_url\":\"https://api.github.example\"}").statusCode()).isEqualTo(200);
        assertThat(broker.http.post(CREDENTIALS, writer, withTargets("conn_rt_other", githubConfig,
                "https://api.github.example")).statusCode()).isEqualTo(200);
    }

    @Test
    void aWriteOnlyKeySetsTheTargetsOfAConnectionItCreates() {
        HttpResponse<String> created = broker.http.post(CREDENTIALS, writer,
                withTargets("conn_rt_new", githubConfig, "https://api.github.example"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aKeyThatMayReadTheSecretsMayRepoint() {
        String id = create("conn_rt_reader");

        HttpResponse<String> patched = broker.http.patch(CREDENTIALS + "/" + id, readerWriter,
                "{\"base_url\":\"https://api2.github.example\"}");

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(body(patched).get("base_url").asText()).isEqualTo("https://api2.github.example");
    }

    @Test
    void noKeyMovesAConnectionToAnotherAppsAuthConfig() {
        String id = create("conn_rt_cross");

        HttpResponse<String> patched = broker.http.patch(CREDENTIALS + "/" + id, ADMIN,
                "{\"auth_config_id\":\"" + slackConfig + "\"}");
        HttpResponse<String> upserted = broker.http.post(CREDENTIALS, ADMIN,
                withTargets("conn_rt_cross", slackConfig, "https://api.github.example"));
        HttpResponse<String> created = broker.http.post(CREDENTIALS, writer,
                withTargets("conn_rt_cross_new", slackConfig, "https://api.github.example"));

        for (HttpResponse<String> refused : java.util.List.of(patched, upserted, created)) {
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(body(refused).at("/error/code").asText()).isEqualTo("auth_config_app_mismatch");
        }
        assertThat(body(broker.http.get(CREDENTIALS + "/" + id, ADMIN)).get("auth_config_id").asText())
                .isEqualTo(githubConfig);
    }
}
