package com.credbroker.broker.connectioncheck;

import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The egress rule through the API, with the default settings (https only, no allow-list): a connection
 * test aimed at loopback in any notation is refused 422 {@code egress_refused} before anything is sent,
 * with the same answer whether a server listens on the port or not (no port-scan oracle), and auth configs
 * naming an internal address are refused. One broker for every case; a real loopback listener that must
 * see no connection.
 */
class EgressRefusalIT {
    private static final Map<String, String> ADMIN = RunningBroker.admin();
    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "0.0.0.0", "2130706433",
            "[::ffff:127.0.0.1]", "0x7f000001", "127.1");
    @TempDir
    static Path dataDir;
    private static RunningBroker running;
    private static ServerSocketChannel listener;
    private static int listening;
    private static int closed;

    @BeforeAll
    static void start() throws Exception {
        running = new RunningBroker(dataDir);
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        listener.configureBlocking(false);
        listening = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            closed = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    @AfterAll
    static void stop() throws IOException {
        running.close();
        listener.close();
    }

    /** A BEARER_TOKEN connection whose test request goes to {@code https://host:port/me}; its credential ID. */
    private static String connection(String connectionId, String host, int port) {
        HttpResponse<String> created = create(connectionId, host, port);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created).get("credential_id").asText();
    }

    private static HttpResponse<String> create(String connectionId, String host, int port) {
        return running.http.post(CREDENTIALS, ADMIN, "{\"connection_id\":\"" + connectionId
                + "\",\"app_name\":\"svc\",\"auth_scheme\":\"BEARER_TOKEN\",\"base_url\":\"https://" + host + ":"
                + port + "\",\"test_request_endpoint\":\"/me\",\"credentials\":{\"token\":\"bt-secret-1\"}}");
    }

    private static HttpResponse<String> test(String credentialId) {
        return running.http.post(CREDENTIALS + "/" + credentialId + "/test", ADMIN, "");
    }

    @Test
    void connectionTestsToLoopbackAreRefusedAlikeOnAListeningAndAClosedPortAndNothingConnects() throws IOException {
        int n = 0;
        for (String host : LOOPBACK) {
            if (URI.create("https://" + host + "/").getHost() == null) {
                // java.net.URI finds no host in 0x7f000001 or 127.1: refused as invalid when written, so a
                // connection test never gets as far as connecting
                HttpResponse<String> refused = create("conn_hostless_" + n++, host, listening);
                assertThat(refused.statusCode()).as(host).isEqualTo(422);
                assertThat(body(refused).at("/error/message").asText()).contains("base_url");
                assertThat(refused.body()).doesNotContain("bt-secret-1");
                continue;
            }
            HttpResponse<String> open = test(connection("conn_open_" + n, host, listening));
            HttpResponse<String> shut = test(connection("conn_shut_" + n++, host, closed));

            JsonNode error = body(open).get("error");
            assertThat(open.statusCode()).as(host + ": " + open.body()).isEqualTo(422);
            assertThat(error.get("code").asText()).as(host).isEqualTo("egress_refused");
            assertThat(error.get("message").asText()).isEqualTo("destination not allowed: " + host
                    + " resolves to " + (host.equals("0.0.0.0") ? "an unspecified address" : "a loopback address"));
            assertThat(open.body()).doesNotContain("bt-secret-1");
            assertThat(shut.statusCode()).isEqualTo(open.statusCode());
            assertThat(body(shut).at("/error/message")).isEqualTo(error.get("message"));
        }
        assertThat(listener.accept()).as("a connection test reached the loopback listener").isNull();
    }

    @Test
    void aRefusedTestRecordsNoVerdict() {
        String id = connection("conn_unrecorded", "127.0.0.1", listening);

        assertThat(test(id).statusCode()).isEqualTo(422);
        HttpResponse<String> health = running.http.get(CREDENTIALS + "/" + id + "/health", ADMIN);
        assertThat(body(health).get("status").asText()).as(health.body()).isEqualTo("unknown");
        assertThat(body(health).get("last_checked_at").isNull()).as(health.body()).isTrue();
    }

    @Test
    void authConfigEndpointsOnInternalAddressesAreRefused() {
        Map<String, String> endpoints = Map.of(
                "token_endpoint", "https://2130706433/token",
                "authorization_endpoint", "https://localhost/authorize",
                "revocation_endpoint", "https://[::ffff:7f00:1]/revoke");
        endpoints.forEach((field, url) -> {
            String fields = "{\"app_name\":\"api\",\"client_id\":\"c\",\"client_secret\":\"s\",\"token_endpoint\":"
                    + "\"https://auth.example.com/token\",\"" + field + "\":\"" + url + "\"}";
            HttpResponse<String> created = running.http.post("/v1/personal-connectors/admin/auth-configs", ADMIN,
                    fields.replace("\"token_endpoint\":\"https://auth.example.com/token\",\"token_endpoint\"",
                            "\"token_endpoint\""));

            assertThat(created.statusCode()).as(field + ": " + created.body()).isEqualTo(422);
            assertThat(body(created).at("/error/code").asText()).isEqualTo("egress_refused");
            assertThat(body(created).at("/error/message").asText()).startsWith(field + ": destination not allowed");
        });
        HttpResponse<String> fine = running.http.post("/v1/personal-connectors/admin/auth-configs", ADMIN,
                "{\"app_name\":\"api\",\"client_id\":\"c\",\"client_secret\":\"s\","
                        + "\"token_endpoint\":\"https://auth.example.com/token\"}");
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(201);
    }
}
