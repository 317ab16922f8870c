package com.credbroker.broker.http;

import static com.credbroker.broker.testing.Fixtures.API_KEYS;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.OnRunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every listing behaves alike (newest first; a cursor it did not issue and a query parameter it does not
 * take are 400 with the one error shape, naming the parameter but not its value), and the write-time
 * checks of URL and string fields, against the real server.
 */
class ListsAndValidationIT extends OnRunningBroker {
    private static final String AUTH_CONFIGS = "/v1/personal-connectors/admin/auth-configs";
    private static final String AUDIT = "/v1/personal-connectors/admin/audit";
    private static final List<String> LISTS = List.of(CREDENTIALS, AUTH_CONFIGS, API_KEYS, AUDIT);
    private static final String PAGED_LISTS_ONLY = "api-keys is one page";

    @Test
    void everyListIsNewestFirst() {
        List<String> credentials = new ArrayList<>();
        List<String> configs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            broker.clock.advance(Duration.ofSeconds(1));
            credentials.add(0, body(broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_order_" + i, "t", 3600)
                    .replace("\"github\"", "\"orderapp\""))).get("credential_id").asText());
            configs.add(0, body(broker.http.post(AUTH_CONFIGS, ADMIN, authConfig("order-" + i)))
                    .get("auth_config_id").asText());
            keys.add(0, Fixtures.createKey(broker.http, "api", "admin").id());
        }
        assertThat(ids(CREDENTIALS + "?app_name=orderapp", "credential_id")).containsExactlyElementsOf(credentials);
        assertThat(ids(AUTH_CONFIGS, "auth_config_id")).containsSubsequence(configs);
        assertThat(ids(AUTH_CONFIGS, "auth_config_id").get(0)).isEqualTo(configs.get(0));
        assertThat(ids(API_KEYS, "id")).containsSubsequence(keys);
        assertThat(ids(API_KEYS, "id").get(0)).isEqualTo(keys.get(0));
        List<Long> seqs = new ArrayList<>();
        body(broker.http.get(AUDIT + "?limit=20", ADMIN)).get("items").forEach(item -> seqs.add(item.get("seq").asLong()));
        assertThat(seqs).isNotEmpty().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void aCursorTheServerDidNotIssueIsRefusedOnEveryPagedList() {
        String foreign = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("cred_zzzz".getBytes(StandardCharsets.UTF_8));
        for (String list : List.of(CREDENTIALS, AUTH_CONFIGS, AUDIT)) {
            for (String cursor : List.of(foreign, "abc", "A", "***")) {
                HttpResponse<String> refused = broker.http.get(list + "?cursor=" + cursor, ADMIN);
                assertThat(refused.statusCode()).as(list + " " + cursor).isEqualTo(400);
                assertThat(body(refused).at("/error/code").asText()).isEqualTo("bad_request");
                assertThat(body(refused).at("/error/message").asText()).contains("cursor");
                assertThat(refused.body()).doesNotContain(foreign);
            }
        }
    }

    @Test
    void anUnknownOrRepeatedQueryParameterIsRefusedOnEveryListWithoutEchoingItsValue() {
        for (String list : LISTS) {
            HttpResponse<String> unknown = broker.http.get(list + "?app_nmae=secretvalue42", ADMIN);
            assertThat(unknown.statusCode()).as(list).isEqualTo(400);
            assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(body(unknown).at("/error/message").asText()).contains("app_nmae");
            assertThat(unknown.body()).doesNotContain("secretvalue42");
        }
        for (String list : List.of(CREDENTIALS, AUTH_CONFIGS, AUDIT)) {
            HttpResponse<String> repeated = broker.http.get(list + "?limit=1&limit=100", ADMIN);
            assertThat(repeated.statusCode()).as(list).isEqualTo(400);
            assertThat(body(repeated).at("/error/message").asText()).contains("limit");
        }
        assertThat(broker.http.get(API_KEYS + "?limit=1", ADMIN).statusCode()).as(PAGED_LISTS_ONLY).isEqualTo(400);
        assertThat(broker.http.get(CREDENTIALS + "?app_name=x&status=ACTIVE&entity_id=e&auth_config_id=ac_x"
                + "&is_disabled=false&limit=5", ADMIN).statusCode()).isEqualTo(200);
        assertThat(broker.http.get(AUDIT + "?connection_id=conn_x&limit=5", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void anOperationThatIsNotAListRefusesEveryQueryParameterAndAKeyInTheUrlStaysALeakedKey() {
        String created = body(broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_query", "t", 3600)))
                .get("credential_id").asText();
        for (String path : List.of(CREDENTIALS + "/by-connection/conn_query?fields=secretvalue42",
                CREDENTIALS + "/" + created + "?verbose=secretvalue42", AUTH_CONFIGS + "/ac_none?x=secretvalue42")) {
            HttpResponse<String> refused = broker.http.get(path, ADMIN);
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(body(refused).at("/error/message").asText()).as(path)
                    .contains("takes no query parameters").doesNotContain("secretvalue42");
        }
        HttpResponse<String> leaked = broker.http.get(CREDENTIALS + "/by-connection/conn_query?api_key=x", ADMIN);
        assertThat(body(leaked).at("/error/code").asText()).isEqualTo("key_in_url");
        assertThat(broker.http.get(CREDENTIALS + "/by-connection/conn_query", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void urlFieldsAreCheckedWhenWritten() {
        for (String bad : List.of("not a url", "ftp://files.example/x", "https://", "/relative",
                "https://user:pw@api.example", "https://api.example/#frag", "javascript:alert(1)")) {
            HttpResponse<String> refused = broker.http.post(CREDENTIALS, ADMIN, withField("conn_url_bad", "base_url", bad));
            assertThat(refused.statusCode()).as(bad).isEqualTo(422);
            assertThat(body(refused).at("/error/message").asText()).as(bad).contains("base_url");
            assertThat(refused.body()).doesNotContain("pw@").doesNotContain("alert");
        }
        HttpResponse<String> badEndpoint = broker.http.post(CREDENTIALS, ADMIN,
                withField("conn_url_bad2", "test_request_endpoint", "gopher://x.example/"));
        assertThat(badEndpoint.statusCode()).isEqualTo(422);
        assertThat(body(badEndpoint).at("/error/message").asText()).contains("test_request_endpoint");

        HttpResponse<String> relativeWithoutBase = broker.http.post(CREDENTIALS, ADMIN,
                withField("conn_url_bad3", "test_request_endpoint", "/me"));
        assertThat(relativeWithoutBase.statusCode()).isEqualTo(422);
        assertThat(body(relativeWithoutBase).at("/error/message").asText()).contains("base_url");

        HttpResponse<String> good = broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_url_ok", "t", 3600)
                .replaceFirst("\\}$", ",\"base_url\":\"http://api.example:8080/v1\",\"test_request_endpoint\":\"me?x=1\"}"));
        assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
        String id = body(good).get("credential_id").asText();
        HttpResponse<String> dropBase = broker.http.patch(CREDENTIALS + "/" + id, ADMIN, "{\"base_url\":null}");
        assertThat(dropBase.statusCode()).isEqualTo(422);
        HttpResponse<String> patchedBad = broker.http.patch(CREDENTIALS + "/" + id, ADMIN, "{\"base_url\":\"api.example\"}");
        assertThat(patchedBad.statusCode()).isEqualTo(422);
        assertThat(broker.http.patch(CREDENTIALS + "/" + id, ADMIN, "{\"account_id\":\"a-1\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aNumberOrBooleanWhereAStringBelongsIsRefusedNotConverted() {
        for (String json : List.of("42", "4.2", "true")) {
            HttpResponse<String> credential = broker.http.post(CREDENTIALS, ADMIN,
                    Fixtures.oauth2("conn_types", "t", 3600).replace("\"user_1\"", json));
            assertThat(credential.statusCode()).as(json).isEqualTo(422);
            assertThat(body(credential).at("/error/message").asText()).contains("entity_id");

            HttpResponse<String> header = broker.http.post(CREDENTIALS, ADMIN, Fixtures.oauth2("conn_types", "t", 3600)
                    .replaceFirst("\\}$", ",\"extra_headers\":{\"X-Team\":" + json + "}}"));
            assertThat(header.statusCode()).as(json).isEqualTo(422);

            HttpResponse<String> config = broker.http.post(AUTH_CONFIGS, ADMIN,
                    authConfig("types").replace("\"client-id-1\"", json));
            assertThat(config.statusCode()).as(json).isEqualTo(422);
            assertThat(body(config).at("/error/message").asText()).contains("client_id");
        }
        assertThat(broker.http.get(CREDENTIALS + "/by-connection/conn_types", ADMIN).statusCode()).isEqualTo(404);
    }

    private static List<String> ids(String path, String field) {
        HttpResponse<String> page = broker.http.get(path, ADMIN);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode item : body(page).get("items")) {
            ids.add(item.get(field).asText());
        }
        return ids;
    }

    private static String withField(String connectionId, String field, String value) {
        return Fixtures.oauth2(connectionId, "t", 3600).replaceFirst("\\}$",
                "," + Fixtures.toJson(field) + ":" + Fixtures.toJson(value) + "}");
    }

    private static String authConfig(String appName) {
        return "{\"app_name\":\"" + appName + "\",\"token_endpoint\":\"https://github.com/login/oauth/access_token\","
                + "\"client_id\":\"client-id-1\",\"client_secret\":\"s-0123456789\"}";
    }
}
