package com.credbroker.storage.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a writer {@code main} in a child JVM on this test classpath, collects the values it prints as
 * {@code ack <value>} after each durable write, then kills it with SIGKILL (no shutdown hooks, no close).
 */
public final class KillNine {
    private KillNine() {
    }

    /** The acknowledged values, in order, once {@code acks} were seen (or the child ended first). */
    public static List<String> ackThenKill(Class<?> writer, int acks, String... args) throws Exception {
        return ackThenKill(List.of(), writer, acks, args);
    }

    /** As {@link #ackThenKill(Class, int, String...)}, with JVM options for the child (e.g. a faster start). */
    public static List<String> ackThenKill(List<String> jvmOptions, Class<?> writer, int acks, String... args)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), writer.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < acks && (line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    acked.add(line.substring(4));
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the killed writer did not exit");
            }
        }
        return acked;
    }
}
