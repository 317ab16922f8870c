package com.credbroker.broker.http;

import static com.credbroker.broker.testing.Fixtures.API_KEYS;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Write bodies the broker refuses before storing anything: a callback URL that is not a safe redirect
 * target (on create, PATCH and initiate), a JSON object that names a key twice, an API key name with
 * control characters. Errors never echo the submitted value (each carries the marker {@value #MARK}).
 */
class WriteRulesIT {
    static final String MARK = "zqxj";
    static final String AUTH_CONFIGS = "/v1/personal-connectors/admin/auth-configs";
    static final String INITIATE = "/v1/personal-connectors/admin/connections/initiate";
    @TempDir
    static Path dataDir;
    static RunningBroker broker;
    static final Map<String, String> ADMIN = RunningBroker.admin();
    static String credentialId;
    static String authConfigId;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(dataDir);
        credentialId = body(broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_rules", "tok-rules", 3600)))
                .get("credential_id").asText();
        authConfigId = body(broker.http.post(AUTH_CONFIGS, ADMIN, "{\"app_name\":\"github\",\"token_endpoint\":"
                + "\"https://github.example/token\",\"authorization_endpoint\":\"https://github.example/authorize\","
                + "\"client_id\":\"cid\",\"client_secret\":\"csecret\"}")).get("auth_config_id").asText();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert('zqxj')", "data:text/html,zqxj", "http://zqxj.example/cb",
        "https://user:zqxj@app.example/cb", "ftp://zqxj.example/cb", "//zqxj.example/cb", "https://app.example/cb#zqxj",
        "vbscript:zqxj", "https:zqxj"})
    void anUnsafeCallbackUrlIsRefusedOnEveryWrite(String url) {
        String quoted = Fixtures.toJson(url);
        HttpResponse<String> created = broker.http.post(CREDENTIALS, ADMIN,
                Fixtures.oauth2("conn_cb_new", "tok-cb", 3600).replaceFirst("\\}$", ",\"callback_url\":" + quoted + "}"));
        HttpResponse<String> patched = broker.http.patch(CREDENTIALS + "/" + credentialId, ADMIN,
                "{\"callback_url\":" + quoted + "}");
        HttpResponse<String> initiated = broker.http.post(INITIATE, ADMIN,
                "{\"auth_config_id\":\"" + authConfigId + "\",\"callback_url\":" + quoted + "}");

        for (HttpResponse<String> refused : List.of(created, patched, initiated)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(body(refused).at("/error/code").asText()).isEqualTo("invalid_callback_url");
            assertThat(refused.body()).doesNotContain(MARK);
        }
        assertThat(broker.http.get(CREDENTIALS + "/by-connection/conn_cb_new", ADMIN).statusCode()).isEqualTo(404);
        assertThat(body(broker.http.get(CREDENTIALS + "/" + credentialId, ADMIN)).get("callback_url").isNull()).isTrue();
    }

    @Test
    void httpsAndLoopbackHttpCallbackUrlsAreAccepted() {
        for (String url : List.of("https://app.example/cb?x=1", "http://localhost:3000/cb", "http://127.0.0.1/cb",
                "http://[::1]:8080/cb")) {
            HttpResponse<String> patched = broker.http.patch(CREDENTIALS + "/" + credentialId, ADMIN,
                    "{\"callback_url\":" + Fixtures.toJson(url) + "}");

            assertThat(patched.statusCode()).as(url).isEqualTo(200);
        }
        assertThat(broker.http.patch(CREDENTIALS + "/" + credentialId, ADMIN, "{\"callback_url\":null}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBodyThatNamesAKeyTwiceIsRefused() {
        List<HttpResponse<String>> refused = List.of(
                broker.http.patch(CREDENTIALS + "/" + credentialId, ADMIN,
                        "{\"account_email\":\"a@example.com\",\"account_email\":\"zqxj@example.com\"}"),
                broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_dup", "tok-dup", 60)
                        .replace("\"access_token\":", "\"access_token\":\"zqxj\",\"access_token\":")),
                broker.http.post(API_KEYS, ADMIN, "{\"kind\":\"api\",\"name\":\"a\",\"scopes\":[\"admin\"],"
                        + "\"scopes\":[\"credentials:read_metadata\"],\"name\":\"zqxj\"}"));

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(body(response).at("/error/code").asText()).isEqualTo("invalid_json");
            assertThat(response.body()).doesNotContain(MARK).doesNotContain("account_email").doesNotContain("scopes");
        }
        assertThat(body(broker.http.get(CREDENTIALS + "/" + credentialId, ADMIN)).get("account_email").isNull())
                .isTrue();
        assertThat(broker.http.get(CREDENTIALS + "/by-connection/conn_dup", ADMIN).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zqxj\u001b[31mred", "zqxj\nsecond line", "zqxj\u202Eevil", "zqxj\u0000", "zqxj\u0085"})
    void anApiKeyNameWithControlCharactersIsRefused(String name) {
        HttpResponse<String> refused = broker.http.post(API_KEYS, ADMIN, "{\"kind\":\"api\",\"name\":"
                + Fixtures.toJson(name) + ",\"scopes\":[\"credentials:read_metadata\"]}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).doesNotContain(MARK);
    }

    @Test
    void anOverlongApiKeyNameIsRefusedAndAPrintableOneAccepted() {
        String overlong = "{\"kind\":\"api\",\"name\":\"" + "é".repeat(129) + "\",\"scopes\":[\"admin\"]}";
        String printable = "{\"kind\":\"api\",\"name\":\"Équipe 42 — nightly sync\",\"scopes\":[\"admin\"]}";

        assertThat(broker.http.post(API_KEYS, ADMIN, overlong).statusCode()).isEqualTo(422);
        assertThat(broker.http.post(API_KEYS, ADMIN, printable).statusCode()).isEqualTo(201);
    }

    @Test
    void anAuthConfigNameWithControlCharactersIsRefused() {
        HttpResponse<String> refused = broker.http.post(AUTH_CONFIGS, ADMIN, "{\"app_name\":\"git\\u001bzqxj\","
                + "\"token_endpoint\":\"https://github.example/token\",\"client_id\":\"c\",\"client_secret\":\"s\"}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).doesNotContain(MARK);
    }
}
