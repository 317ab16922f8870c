package com.credbroker.broker.http;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.CapturedLogs;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear JSON error: never a 500, a stack trace, an HTML page or an echoed secret. */
class HostileInputIT {
    static final String CANARY = "CANARY-7f1e9c2a-secret";
    @TempDir
    static Path dataDir;
    static RunningBroker broker;
    static final Map<String, String> ADMIN = RunningBroker.admin();

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(dataDir, Map.of("CREDBROKER_MAX_BODY_BYTES", "65536",
                "CREDBROKER_AUTH_FAILURE_LIMIT", "1000"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static void assertJsonError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(body(response).at("/error/code").isTextual()).isTrue();
        assertThat(response.body()).doesNotContain(CANARY).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"connection_id\":\"c\",\"pad\":\"" + "x".repeat(70_000) + CANARY + "\"}";
        assertJsonError(broker.http.post(CREDENTIALS, ADMIN, big), 413);
    }

    @Test
    void refusedBodiesAreAnsweredEveryTimeAndTheClientKeepsGoing() {
        // The refusal comes before the body is read: unless the server drains it, the client may meet a reset
        // while still sending and lose the answer (the JDK client then fails with an I/O error).
        byte[] big = ("{\"connection_id\":\"c\",\"pad\":\"" + "x".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 25; i++) {
            assertJsonError(broker.http.send("POST", CREDENTIALS, ADMIN, "application/json", big), 413);
            assertJsonError(broker.http.send("POST", CREDENTIALS, ADMIN, "text/plain", big), 415);
        }
        assertThat(broker.http.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongContentTypeIs415() {
        assertJsonError(broker.http.send("POST", CREDENTIALS, ADMIN, "text/plain",
                Fixtures.oauth2("conn_ct", CANARY, 60).getBytes(StandardCharsets.UTF_8)), 415);
    }

    @Test
    void malformedJsonIs400WithoutEcho() {
        assertJsonError(broker.http.post(CREDENTIALS, ADMIN, "{\"access_token\": \"" + CANARY + "\""), 400);
    }

    @Test
    void deeplyNestedJsonIs400() {
        String nested = "{\"extra_data\":" + "{\"a\":".repeat(500) + "1" + "}".repeat(500) + "}";
        HttpResponse<String> response = broker.http.post(CREDENTIALS, ADMIN, nested);
        assertThat(response.statusCode()).isBetween(400, 422);
        assertJsonError(response, response.statusCode());
    }

    @Test
    void wrongTypedFieldNamesTheFieldButNotTheValue() {
        String body = Fixtures.oauth2("conn_types", "tok", 60).replace("\"entity_id\":\"user_1\"",
                "\"entity_id\":{\"nested\":\"" + CANARY + "\"}");
        HttpResponse<String> response = broker.http.post(CREDENTIALS, ADMIN, body);
        assertJsonError(response, 422);
        assertThat(body(response).at("/error/message").asText()).contains("entity_id");
    }

    @Test
    void invalidExpiresInIsRefusedAndNothingIsStored() {
        HttpResponse<String> response = broker.http.post(CREDENTIALS, ADMIN,
                Fixtures.oauth2("conn_bad_exp", CANARY, 60).replace("\"expires_in\":60", "\"expires_in\":\"abc\""));
        assertJsonError(response, 422);
        assertThat(broker.http.get(BY_CONNECTION + "conn_bad_exp", ADMIN).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2Fetc%2Fpasswd", "%2e%2e", "conn%00nul", "a%20b", "conn%0d%0aSet-Cookie:x",
        "-leading-dash", "%F0%9F%92%A9"})
    void hostileConnectionIdsAreRefusedBeforeAnyQuery(String id) {
        HttpResponse<String> response = broker.http.get(BY_CONNECTION + id, ADMIN);
        assertThat(response.statusCode()).isBetween(400, 404);
        assertJsonError(response, response.statusCode());
    }

    @Test
    void tenKilobyteIdIsRefused() {
        HttpResponse<String> response = broker.http.get(BY_CONNECTION + "a".repeat(10_000), ADMIN);
        assertThat(response.statusCode()).isBetween(400, 431);
        assertJsonError(response, response.statusCode());
    }

    @Test
    void unknownPathAndWrongMethodAnswerJson() {
        assertJsonError(broker.http.get("/nope", ADMIN), 404);
        assertJsonError(broker.http.send("PUT", CREDENTIALS, ADMIN, null, null), 405);
    }

    @Test
    void responsesCarryRequestIdAndNoServerBanner() {
        HttpResponse<String> response = broker.http.get("/health/live", Map.of());
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.headers().firstValue("Server")).isEmpty();
        assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
    }

    @Test
    void callerRequestIdIsEchoedOnlyWhenSafe() {
        HttpResponse<String> safe = broker.http.get("/health/live", Map.of("X-Request-Id", "trace-123"));
        HttpResponse<String> unsafe = broker.http.get("/health/live", Map.of("X-Request-Id", "<script>" + CANARY));
        assertThat(safe.headers().firstValue("X-Request-Id")).hasValue("trace-123");
        assertThat(unsafe.headers().firstValue("X-Request-Id").orElseThrow()).doesNotContain(CANARY);
    }

    @Test
    void jettyLevelErrorsAreJsonToo() throws Exception {
        String raw = rawRequest("GET /v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).contains("application/json").contains("\"error\"").doesNotContainIgnoringCase("<html");
    }

    @Test
    void aRepeatedKeyHeaderIsRefusedEvenWhenOneCopyIsValid() throws Exception {
        String raw = rawRequest("GET " + BY_CONNECTION + "conn_x HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                + RunningBroker.ADMIN_KEY + "\r\nX-API-Key: " + CANARY + "\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400").contains("\"bad_request\"").doesNotContain(CANARY);
        String twoKinds = rawRequest("GET " + BY_CONNECTION + "conn_x HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                + RunningBroker.ADMIN_KEY + "\r\nX-Flowplate-Key: " + CANARY + "\r\nConnection: close\r\n\r\n");
        assertThat(twoKinds).startsWith("HTTP/1.1 400").doesNotContain(CANARY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "X-API-Key", "x-flowplate-key", "apikey"})
    void aKeyInTheQueryStringIsRefusedAndNeverLogged(String parameter) {
        CapturedLogs logs = CapturedLogs.start();
        try {
            String url = BY_CONNECTION + "conn_q?" + parameter + "=" + RunningBroker.ADMIN_KEY;
            HttpResponse<String> withHeader = broker.http.get(url, ADMIN);
            HttpResponse<String> alone = broker.http.get(url, Map.of());
            assertJsonError(withHeader, 400);
            assertJsonError(alone, 400);
            assertThat(body(alone).at("/error/code").asText()).isEqualTo("key_in_url");
            assertThat(withHeader.body() + alone.body()).doesNotContain(RunningBroker.ADMIN_KEY);
        } finally {
            logs.close();
        }
        assertThat(logs.events()).noneSatisfy(event -> assertThat(event.getFormattedMessage())
                .contains(RunningBroker.ADMIN_KEY));
    }

    @Test
    void tenMegabyteBodiesAre413WithOrWithoutALength() {
        byte[] tenMegabytes = ("{\"connection_id\":\"c\",\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + CANARY + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertJsonError(broker.http.send("POST", CREDENTIALS, ADMIN, "application/json", tenMegabytes), 413);
        assertJsonError(broker.http.sendChunked("POST", CREDENTIALS, ADMIN, "application/json", tenMegabytes), 413);
        assertThat(broker.http.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void jsonNestedAHundredThousandLevelsIs400() {
        String nested = "{\"extra_data\":{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}";
        HttpResponse<String> response = broker.http.post(CREDENTIALS, ADMIN, nested);
        assertThat(response.statusCode()).isBetween(400, 422);
        assertJsonError(response, response.statusCode());
    }

    private static String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", broker.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
