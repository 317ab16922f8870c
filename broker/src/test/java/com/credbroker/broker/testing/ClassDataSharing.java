package com.credbroker.broker.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class-data sharing archive of the packaged jar, so that the process tests' many broker starts load their
 * classes mapped and pre-verified (on 2 cores a start to ready takes about 40 % less). Made once per jar by a
 * training start that is stopped cleanly (the JVM writes the archive at exit); kept next to the jar and used
 * while it is newer than the jar. Anything that goes wrong only costs the speed-up: starts then run without
 * it. The JVM's own CDS messages are switched off so that no test sees them in a process's output.
 */
final class ClassDataSharing {
    private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);
    private static final Duration TRAINING = Duration.ofSeconds(120);
    private static List<String> options;

    private ClassDataSharing() {
    }

    /**
     * The JVM options that use the archive (making it first if needed), or none; none as well with
     * {@code -Dcredbroker.cds=false} (to compare, or to rule the archive out).
     */
    static synchronized List<String> jvmOptions(Path jar) {
        if (options == null) {
            options = Boolean.parseBoolean(System.getProperty("credbroker.cds", "true")) ? archiveOptions(jar) : List.of();
        }
        return options;
    }

    private static List<String> archiveOptions(Path jar) {
        Path archive = jar.resolveSibling("credbroker-cds.jsa");
        try {
            if (!isFresh(archive, jar)) {
                train(jar, archive);
            }
            return isFresh(archive, jar) ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off") : List.of();
        } catch (IOException | RuntimeException e) {
            LOG.warn("no class-data sharing archive for the broker jar; starts run without one", e);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static boolean isFresh(Path archive, Path jar) throws IOException {
        return Files.isRegularFile(archive)
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
    }

    /** Starts the jar once until ready, then stops it with SIGTERM so that the JVM dumps what it loaded. */
    private static void train(Path jar, Path archive) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(jar.toAbsolutePath().getParent(), "cds-training");
        Path partial = dir.resolve("archive.jsa");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(BrokerProcess.javaCommand(), "-Xmx256m",
                "-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds*=off");
        builder.command().addAll(BrokerProcess.FAST_JVM);
        builder.command().addAll(List.of("-jar", jar.toString()));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("CREDBROKER_PORT", Integer.toString(port));
        builder.environment().put("CREDBROKER_MANAGEMENT_PORT", Integer.toString(freePort()));
        builder.environment().put("CREDBROKER_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("CREDBROKER_MASTER_KEY", randomKey());
        builder.environment().put("CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY);
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("training.log").toFile());
        Process process = builder.start();
        try {
            awaitReady(process, port);
            process.destroy();
            if (process.waitFor(TRAINING.toSeconds(), TimeUnit.SECONDS) && Files.isRegularFile(partial)) {
                Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            process.destroyForcibly();
        }
    }

    private static void awaitReady(Process process, int port) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(TRAINING);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100); // polling a real process's start-up, not making time pass
        }
        throw new IllegalStateException("the training start of the broker jar did not become ready");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
