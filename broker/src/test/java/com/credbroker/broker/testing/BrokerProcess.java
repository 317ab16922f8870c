package com.credbroker.broker.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged jar running as a real child process, so tests can {@code kill -9} it. */
public final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final int managementPort;
    public final Path log;
    public final Http http;

    private BrokerProcess(Process process, int port, int managementPort, Path log) {
        this.managementPort = managementPort;
        this.process = process;
        this.port = port;
        this.log = log;
        this.http = new Http(port);
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("credbroker.jar", "target/credbroker.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("package the broker first: " + jar.toAbsolutePath() + " is missing");
        }
        return jar;
    }

    /** JVM options for tests that start the jar many times: C1 only and class-data sharing start it faster. */
    public static final List<String> FAST_JVM = List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-XX:+UseSerialGC");

    /**
     * Starts the jar with {@code env} and {@link #FAST_JVM}; does not wait for it (see {@link #awaitReady}).
     * Starting JVMs is most of the process tests' time: C1 alone starts the broker sooner on 2 cores.
     */
    public static BrokerProcess start(Map<String, String> env, Path log, String... args) throws IOException {
        return start(FAST_JVM, env, log, args);
    }

    /** As {@link #start(Map, Path, String...)}, with extra JVM options (e.g. {@link #FAST_JVM}, system properties). */
    public static BrokerProcess start(List<String> jvmOptions, Map<String, String> env, Path log, String... args)
            throws IOException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(jarCommand(jvmOptions));
        builder.command().addAll(List.of(args));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("CREDBROKER_PORT", Integer.toString(port));
        builder.environment().put("CREDBROKER_MANAGEMENT_PORT", Integer.toString(freePort()));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        int managementPort = Integer.parseInt(builder.environment().get("CREDBROKER_MANAGEMENT_PORT"));
        return new BrokerProcess(builder.start(), port, managementPort, log);
    }

    /**
     * The command line that runs the jar, without its arguments: this JVM's {@code java}, a 256 MB heap, the
     * class-data sharing archive ({@link ClassDataSharing}) and {@code jvmOptions}. For tests that start the
     * jar themselves (an operator command's separate streams, a terminal), so that every start of the jar
     * loads its classes from the archive.
     */
    public static List<String> jarCommand(List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx256m"));
        command.addAll(ClassDataSharing.jvmOptions(jar()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        return command;
    }

    public static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public BrokerProcess awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("broker exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                HttpResponse<String> ready = http.get("/health/ready", Map.of());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(100); // polling a real process's start-up, not making time pass
        }
        throw new IllegalStateException("broker not ready within " + timeout + ":\n" + logText());
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("process did not exit within " + timeout);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public int port() {
        return port;
    }

    /** The Prometheus text the management listener serves at {@code /metrics}. */
    public String metrics() {
        return new Http(managementPort).get("/metrics", Map.of()).body();
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                killHard();
            }
        }
    }
}
