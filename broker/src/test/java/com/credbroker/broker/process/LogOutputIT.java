package com.credbroker.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.Http;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the packaged jar writes to standard output, as an operator sees it: one JSON object a line when the
 * output goes to a file or a pipe, text at a terminal; one line saying the refresh scheduler runs and no
 * library chatter; a warning when plain-http token URLs are allowed; access lines without the path sent.
 */
class LogOutputIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String CANARY = "conn_LOGCANARY5d2e";
    private static final List<String> QUIET = List.of("org.quartz", "com.zaxxer", "org.eclipse.jetty", "io.javalin",
            "org.flywaydb");
    private static final String INSECURE = "CREDBROKER_ALLOW_INSECURE_TOKEN_URLS=true";

    @TempDir
    Path dir;

    @Test
    void outputToAFileIsOneJsonObjectALineAndTheStartIsQuiet() throws Exception {
        String adminKey = RunningBroker.randomKey();
        Path log = dir.resolve("json.log");
        try (BrokerProcess broker = BrokerProcess.start(BrokerProcess.FAST_JVM, Map.of("CREDBROKER_DATA_DIR",
                dir.resolve("data").toString(), "CREDBROKER_ADMIN_KEY", adminKey,
                "CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true"), log)) {
            broker.awaitReady(START);
            assertThat(broker.http.get(Fixtures.BY_CONNECTION + CANARY, Map.of("X-API-Key", adminKey)).statusCode())
                    .isEqualTo(404);
        }

        String text = Files.readString(log);
        List<JsonNode> lines = text.lines().filter(line -> !line.isBlank()).map(Fixtures::json).toList();
        assertThat(lines).allSatisfy(line -> assertThat(line.isObject()).isTrue());
        assertThat(lines).filteredOn(message(m -> m.startsWith(INSECURE + ":"))).singleElement()
                .satisfies(line -> assertThat(line.get("level").asText()).isEqualTo("WARN"));
        assertThat(lines).filteredOn(message(m -> m.startsWith("refresh scheduler running"))).hasSize(1);
        assertThat(lines).noneMatch(line -> QUIET.stream().anyMatch(line.get("logger_name").asText()::startsWith)
                && !line.get("level").asText().equals("WARN") && !line.get("level").asText().equals("ERROR"));
        assertThat(lines).filteredOn(line -> line.get("logger_name").asText().equals("credbroker.access")
                && line.path("status").asInt() == 404).singleElement().satisfies(line -> {
                    assertThat(line.get("route").asText())
                            .isEqualTo("/v1/personal-connectors/admin/credentials/by-connection/{connection_id}");
                    assertThat(line.get("method").asText()).isEqualTo("GET");
                    assertThat(line.get("key_id").asText()).startsWith("key_");
                    assertThat(line.get("request_id").asText()).isNotBlank();
                    assertThat(line.has("duration_ms")).isTrue();
                });
        assertThat(text).doesNotContain(CANARY).doesNotContain(adminKey);
    }

    @Test
    void outputToATerminalIsTextAndSecureUrlsNeedNoWarning() throws Exception {
        // util-linux's script (Debian's essential bsdutils) gives the broker a terminal
        assertThat(Path.of("/usr/bin/script")).isExecutable();
        int port = freePort();
        Path log = dir.resolve("text.log");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qfec", String.join(" ",
                BrokerProcess.jarCommand(BrokerProcess.FAST_JVM).stream().map(LogOutputIT::quoted).toList()),
                "/dev/null");
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "CREDBROKER_PORT", Integer.toString(port), "CREDBROKER_MANAGEMENT_PORT", Integer.toString(freePort()),
                "CREDBROKER_DATA_DIR", dir.resolve("data").toString()));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        try {
            Http http = new Http(port);
            awaitReady(process, http, log);
            assertThat(http.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
            awaitText(log, "route=/health/live"); // access lines are written in batches, within 50 ms
        } finally {
            stop(process);
        }

        List<String> lines = Files.readString(log).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertThat(lines).noneMatch(line -> line.startsWith("{"));
        assertThat(lines).anyMatch(line -> line.matches("\\d{4}-\\d{2}-\\d{2} [0-9:,]+ INFO .*refresh scheduler running.*"));
        assertThat(lines).anyMatch(line -> line.contains("credbroker.access") && line.contains("route=/health/live")
                && line.contains("status=200"));
        assertThat(lines).noneMatch(line -> line.contains(INSECURE));
    }

    private static Predicate<JsonNode> message(Predicate<String> test) {
        return line -> test.test(line.path("message").asText());
    }

    private static void awaitReady(Process process, Http http, Path log) throws Exception {
        Instant deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("broker exited:\n" + Files.readString(log));
            }
            try {
                if (http.get("/health/ready", Map.of()).statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(100); // polling a real process's start-up, not making time pass
        }
        throw new IllegalStateException("broker not ready within " + START + ":\n" + Files.readString(log));
    }

    private static void awaitText(Path log, String text) throws Exception {
        Instant deadline = Instant.now().plus(START);
        while (!Files.readString(log).contains(text) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20); // polling a real process's output, not making time pass
        }
    }

    /** SIGTERM to the broker (under script) and to script; the broker's shutdown hook flushes its last lines. */
    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
