package com.credbroker.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * Issue 14, item 5: how much one client sending bad keys at full speed adds to the audit trail. Starts a
 * whole broker in process ({@link BenchBroker}: embedded H2, file audit log, real HTTP server on loopback)
 * and sends {@code GET …/by-connection/…} with a wrong {@code X-API-Key} from {@code --threads} connections of
 * one address for {@code --minutes}; every minute it logs the requests sent and the bytes the audit
 * directory grew by. At the end it stops sending, waits for the refusal window to be flushed, and reports
 * the totals: bytes added, bytes per minute, refusals per second and bytes per refusal.
 *
 * <p>Options: {@code --minutes=10 --threads=4 --window=PT1M} (the broker's
 * {@code CREDBROKER_AUDIT_REFUSAL_WINDOW}), {@code --report=FILE}.
 */
public final class RefusalFloodBench {
    private static final String PATH = "/v1/personal-connectors/admin/credentials/by-connection/conn_flood";

    private RefusalFloodBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchCli.quietBrokerLogsUnlessAsked("ERROR");
        Logger out = BenchCli.output(RefusalFloodBench.class);
        Map<String, String> options = BenchCli.options(args);
        double minutes = Double.parseDouble(options.getOrDefault("minutes", "10"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
        Duration window = Duration.parse(options.getOrDefault("window", "PT1M"));
        try (BenchBroker broker = BenchBroker.start(8, Map.of("CREDBROKER_AUDIT_REFUSAL_WINDOW", window.toString()))) {
            Path audit = broker.dataDir().resolve("audit");
            long before = bytes(audit);
            AtomicLong sent = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = startClients(broker.baseUrl(), threads, running, sent, refused);
            long start = System.nanoTime();
            long end = start + (long) (minutes * 60e9);
            List<String> rows = new ArrayList<>();
            for (int minute = 1; System.nanoTime() < end; minute++) {
                Thread.sleep(Math.max(0, Math.min(end, start + minute * 60_000_000_000L) - System.nanoTime()) / 1_000_000);
                String row = String.format(Locale.ROOT, "| %d | %,d | %,d |", minute, sent.get(), bytes(audit) - before);
                rows.add(row);
                out.info("minute {}: {} requests sent, audit +{} bytes", minute, sent.get(), bytes(audit) - before);
            }
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(window.toMillis() + 2_000); // the last window ends and its records are written
            long added = bytes(audit) - before;
            BenchCli.publish(out, report(minutes, threads, window, seconds, sent.get(), refused.get(), added, rows),
                    options);
        }
    }

    private static List<Thread> startClients(String baseUrl, int threads, AtomicBoolean running, AtomicLong sent,
            AtomicLong refused) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread client = new Thread(() -> {
                long i = 0;
                while (running.get()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + PATH))
                            .header("X-API-Key", "cbk_wrong_" + id + "_" + i++).timeout(Duration.ofSeconds(10)).build();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        sent.incrementAndGet();
                        if (status == 401 || status == 429) {
                            refused.incrementAndGet();
                        }
                    } catch (IOException e) {
                        sent.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "flood-client-" + t);
            client.start();
            clients.add(client);
        }
        return clients;
    }

    private static String report(double minutes, int threads, Duration window, double seconds, long sent,
            long refused, long added, List<String> rows) {
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "One client (127.0.0.1, %d connections) sending bad keys for %.1f"
                + " minutes; refusal window %s.%n%n", threads, minutes, window));
        report.append("| minute | requests sent so far | audit bytes added so far |\n| --- | --- | --- |\n");
        rows.forEach(row -> report.append(row).append('\n'));
        report.append(String.format(Locale.ROOT, "%n- requests: %,d (%,d refused 401/429), %.0f per second%n", sent,
                refused, sent / seconds));
        report.append(String.format(Locale.ROOT, "- audit trail added: %,d bytes in total, %,.0f bytes per minute,"
                + " %.3f bytes per refused request (one record each would be ~335)%n", added, added / (seconds / 60),
                refused == 0 ? 0.0 : (double) added / refused));
        report.append(String.format(Locale.ROOT, "- under 1 MB for 10 minutes: %s%n",
                added * (10 * 60 / seconds) < 1_000_000 ? "yes" : "NO"));
        return report.toString();
    }

    private static long bytes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
