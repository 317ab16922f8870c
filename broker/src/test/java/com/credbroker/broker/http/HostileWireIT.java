package com.credbroker.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.RunningBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bytes no HTTP client library would send, written to a raw socket: control characters in headers and
 * clients that stall or trickle their headers. Never a 5xx or an HTML page; no connection held forever.
 */
class HostileWireIT {
    static final Duration IDLE = Duration.ofSeconds(1);
    static final String CANARY = "CANARY-wire-3b8d1f";

    @TempDir
    static Path dataDir;
    static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(dataDir, Map.of("CREDBROKER_AUTH_FAILURE_LIMIT", "1000"), new HttpLimits(IDLE));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "X-API-Key: abc\u0000" + CANARY,
        "X-API-Key: abc\r" + CANARY,
        "X-Request-Id: a\u0000b",
        "X-Ap\u0000i-Key: " + CANARY,
        "X-API-Key : " + CANARY,
        "X-API-Key: " + CANARY + "\r\n folded-continuation",
        "X-API-Key: " + CANARY + "\nX-Injected: yes",
        "Bad Header Name: x",
        "X-API-Key: \u00ff\u00fe" + CANARY})
    void controlCharactersInHeadersGetAJsonClientError(String header) throws Exception {
        String response = exchange("GET /v1/personal-connectors/admin/credentials/by-connection/conn_x HTTP/1.1\r\n"
                + "Host: x\r\n" + header + "\r\nConnection: close\r\n\r\n");

        assertThat(response).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
        assertThat(response).contains("application/json").contains("\"error\"").doesNotContain(CANARY)
                .doesNotContainIgnoringCase("<html").doesNotContain("at org.").doesNotContain("Exception");
    }

    @Test
    void aBodyThatNeverArrivesGetsAJson408AtTheIdleTimeout() throws Exception {
        String response = exchange("POST /v1/personal-connectors/admin/credentials HTTP/1.1\r\nHost: x\r\n"
                + "X-API-Key: " + RunningBroker.ADMIN_KEY + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 408").contains("application/json").contains("\"request_timeout\"");
    }

    @Test
    void oversizedHeadersGetAJson431() throws Exception {
        String response = exchange("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 431").contains("application/json").contains("\"headers_too_large\"");
    }

    @Test
    void stalledHeaderClientsAreCutOffAtTheIdleTimeoutAndHoldUpNobody() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = connect();
                socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: "
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            long started = System.nanoTime();
            assertThat(broker.http.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(IDLE);

            for (Socket socket : stalled) {
                assertThat(closedByServerWithin(socket, IDLE.multipliedBy(10))).isTrue();
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aClientTricklingHeadersSlowerThanTheIdleTimeoutIsCutOff() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            boolean cutOff = false;
            for (int i = 0; i < 10 && !cutOff; i++) {
                // a real client's pace on the wire, slower than the server's idle timeout
                cutOff = closedByServerWithin(socket, IDLE.multipliedBy(2));
                if (!cutOff) {
                    out.write('X');
                    out.flush();
                }
            }
            assertThat(cutOff).isTrue();
        }
    }

    private static Socket connect() throws IOException {
        return new Socket("127.0.0.1", broker.port());
    }

    /** True when the server closes (or answers and closes) the connection within {@code limit}. */
    private static boolean closedByServerWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        try {
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // an error response (408/400) before the close is fine; keep reading to the end
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String exchange(String request) throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
