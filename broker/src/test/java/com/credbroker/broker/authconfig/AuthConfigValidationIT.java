package com.credbroker.broker.authconfig;

import static com.credbroker.broker.authconfig.AuthConfigBodies.AUTH_CONFIGS;
import static com.credbroker.broker.authconfig.AuthConfigBodies.create;
import static com.credbroker.broker.authconfig.AuthConfigBodies.json;
import static com.credbroker.broker.authconfig.AuthConfigBodies.valid;
import static com.credbroker.broker.authconfig.AuthConfigBodies.with;
import static com.credbroker.broker.authconfig.AuthConfigBodies.without;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.OnRunningBroker;
import com.credbroker.broker.testing.RunningBroker;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation refusal of the auth-config endpoints: 422 (400 for malformed JSON, 415 for a wrong
 * content type) in the one error shape, with a message that never echoes the submitted value (each bad
 * value carries the marker {@value #MARK}). Plain-http endpoints only when the operator allows them.
 */
class AuthConfigValidationIT extends OnRunningBroker {
    static final String MARK = "zqxj";

    static Stream<Arguments> refusedCreates() {
        Map<String, Object> noneWithSecret = valid();
        noneWithSecret.put("client_auth_method", "none");
        noneWithSecret.put("client_secret", MARK + "-secret");
        return Stream.of(
                Arguments.of("app_name missing", without("app_name")),
                Arguments.of("app_name null", with("app_name", null)),
                Arguments.of("app_name empty", with("app_name", "")),
                Arguments.of("app_name with spaces", with("app_name", MARK + " bad!")),
                Arguments.of("app_name too long", with("app_name", MARK.repeat(33))),
                Arguments.of("token_endpoint missing", without("token_endpoint")),
                Arguments.of("token_endpoint not a URL", with("token_endpoint", MARK + " not a url")),
                Arguments.of("token_endpoint relative", with("token_endpoint", "/" + MARK + "/token")),
                Arguments.of("token_endpoint plain http", with("token_endpoint", "http://" + MARK + ".example/t")),
                Arguments.of("token_endpoint ftp", with("token_endpoint", "ftp://" + MARK + ".example/t")),
                Arguments.of("token_endpoint user info", with("token_endpoint", "https://u:" + MARK + "@x.example/t")),
                Arguments.of("token_endpoint fragment", with("token_endpoint", "https://x.example/t#" + MARK)),
                Arguments.of("token_endpoint opaque", with("token_endpoint", "https:" + MARK)),
                Arguments.of("token_endpoint without host", with("token_endpoint", "https:///" + MARK)),
                Arguments.of("token_endpoint bad port", with("token_endpoint", "https://" + MARK + ".example:99999/")),
                Arguments.of("token_endpoint non-ASCII", with("token_endpoint", "https://x.example/" + MARK + "\u00f6")),
                Arguments.of("token_endpoint too long", with("token_endpoint", "https://x.example/" + MARK.repeat(600))),
                Arguments.of("token_endpoint not a string", with("token_endpoint", Map.of("url", MARK))),
                Arguments.of("authorization_endpoint plain http",
                        with("authorization_endpoint", "http://" + MARK + ".example/authorize")),
                Arguments.of("revocation_endpoint user info",
                        with("revocation_endpoint", "https://" + MARK + "@x.example/revoke")),
                Arguments.of("client_id missing", without("client_id")),
                Arguments.of("client_id empty", with("client_id", "")),
                Arguments.of("client_id too long", with("client_id", MARK.repeat(129))),
                Arguments.of("client_id control character", with("client_id", MARK + "\tid")),
                Arguments.of("client_secret missing", without("client_secret")),
                Arguments.of("client_secret null", with("client_secret", null)),
                Arguments.of("client_secret empty", with("client_secret", "")),
                Arguments.of("client_secret too long", with("client_secret", MARK.repeat(1025))),
                Arguments.of("client_secret non-ASCII", with("client_secret", MARK + "\u00e9")),
                Arguments.of("client_secret with none", json(noneWithSecret)),
                Arguments.of("client_auth_method unknown", with("client_auth_method", MARK + "_jwt")),
                Arguments.of("client_auth_method upper case", with("client_auth_method", "CLIENT_SECRET_BASIC")),
                Arguments.of("client_auth_method a number", with("client_auth_method", 7)),
                Arguments.of("scope with a space", with("scopes", List.of(MARK + " scope"))),
                Arguments.of("scope empty", with("scopes", List.of(""))),
                Arguments.of("scope null", with("scopes", Collections.singletonList(null))),
                Arguments.of("scope with a quote", with("scopes", List.of(MARK + "\"q"))),
                Arguments.of("scope too long", with("scopes", List.of(MARK.repeat(65)))),
                Arguments.of("too many scopes", with("scopes", Collections.nCopies(101, MARK))),
                Arguments.of("scopes not an array", with("scopes", MARK)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCreates")
    void createRefusesAnInvalidFieldWithoutEchoingIt(String what, String json) {
        HttpResponse<String> refused = broker.http.post(AUTH_CONFIGS, ADMIN, json);

        assertThat(refused.statusCode()).as(what).isEqualTo(422);
        assertThat(body(refused).at("/error/code").asText()).isEqualTo("validation_failed");
        assertThat(body(refused).at("/error/request_id").asText()).isNotEmpty();
        assertThat(refused.body()).as(what).doesNotContain(MARK);
    }

    @Test
    void patchRefusesClearingARequiredFieldAndInvalidValues() {
        String id = create(broker.http, json(valid()));
        List<String> refusals = List.of("{\"app_name\":null}", "{\"token_endpoint\":null}", "{\"client_id\":null}",
                "{\"client_auth_method\":null}", "{\"client_secret\":null}",
                "{\"token_endpoint\":\"http://" + MARK + ".example/t\"}",
                "{\"client_auth_method\":\"none\",\"client_secret\":\"" + MARK + "\"}",
                "{\"scopes\":[\"" + MARK + " x\"]}");
        List<String> unexpected = new ArrayList<>();
        for (String patch : refusals) {
            HttpResponse<String> refused = broker.http.patch(AUTH_CONFIGS + "/" + id, ADMIN, patch);
            if (refused.statusCode() != 422 || refused.body().contains(MARK)) {
                unexpected.add(patch + " -> " + refused.statusCode() + " " + refused.body());
            }
        }
        assertThat(unexpected).isEmpty();
        assertThat(body(broker.http.get(AUTH_CONFIGS + "/" + id, ADMIN)).get("token_endpoint").asText())
                .startsWith("https://");
    }

    @Test
    void malformedBodiesAreRefusedAsTheRestOfTheApiDoes() {
        assertThat(broker.http.post(AUTH_CONFIGS, ADMIN, "{\"app_name\":").statusCode()).isEqualTo(400);
        assertThat(broker.http.post(AUTH_CONFIGS, ADMIN, "[1,2]").statusCode()).isEqualTo(400);
        assertThat(broker.http.post(AUTH_CONFIGS, ADMIN, "").statusCode()).isEqualTo(400);
        assertThat(broker.http.post(AUTH_CONFIGS, ADMIN, with("client_secrets", "x")).statusCode()).isEqualTo(422);
        assertThat(broker.http.post(AUTH_CONFIGS, ADMIN, with("has_client_secret", true)).statusCode()).isEqualTo(422);
        assertThat(broker.http.send("POST", AUTH_CONFIGS, ADMIN, "text/plain",
                json(valid()).getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(415);
        assertThat(broker.http.send("POST", AUTH_CONFIGS, ADMIN, "application/json",
                ("{\"app_name\":\"" + "a".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(413);
    }

    @Test
    void plainHttpEndpointsAreAcceptedOnlyWhenTheOperatorAllowsThem(@TempDir Path otherDir) throws Exception {
        Map<String, Object> local = valid();
        local.put("token_endpoint", "http://127.0.0.1:8089/oauth/token");
        local.put("authorization_endpoint", "http://localhost:8089/oauth/authorize");
        local.put("revocation_endpoint", "http://127.0.0.1:8089/oauth/revoke");

        HttpResponse<String> refused = broker.http.post(AUTH_CONFIGS, ADMIN, json(local));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(body(refused).at("/error/message").asText()).contains("https")
                .contains("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS");

        try (RunningBroker insecure = new RunningBroker(otherDir,
                Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true"))) {
            HttpResponse<String> created = insecure.http.post(AUTH_CONFIGS, ADMIN, json(local));
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(body(created).get("token_endpoint").asText()).isEqualTo("http://127.0.0.1:8089/oauth/token");
            assertThat(insecure.http.post(AUTH_CONFIGS, ADMIN, with("token_endpoint", "ftp://x.example/t"))
                    .statusCode()).isEqualTo(422);
            assertThat(insecure.http.post(AUTH_CONFIGS, ADMIN, with("token_endpoint", "http://u:p@x.example/t"))
                    .statusCode()).isEqualTo(422);
            assertThat(insecure.http.post(AUTH_CONFIGS, ADMIN, json(valid())).statusCode()).isEqualTo(201);
        }
    }
}
