package com.credbroker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code threads} real HTTP lookups ({@code GET .../by-connection/{id}} with an {@code X-API-Key}) of
 * one connection, released together: each thread sends its request once every thread is ready. One
 * shared JDK {@link HttpClient} (HTTP/1.1, one connection per concurrent request). Not thread-safe;
 * close it to stop its threads.
 */
final class LookupBurst implements AutoCloseable {
    private static final String LOOKUP_PATH = "/v1/personal-connectors/admin/credentials/by-connection/";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** One lookup: HTTP status, the access token served (null if none) and its latency. */
    record Lookup(int status, String accessToken, long nanos) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final String apiKey;
    private final int threads;
    private final ExecutorService pool;

    LookupBurst(String baseUrl, String apiKey, int threads) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "bench-lookup");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs one burst against {@code connectionId} and returns every lookup, in no particular order. */
    List<Lookup> run(String connectionId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + LOOKUP_PATH + connectionId))
                .timeout(REQUEST_TIMEOUT).header("X-API-Key", apiKey).GET().build();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Lookup>> futures = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return lookup(request);
            }));
        }
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("lookup threads did not start");
        }
        go.countDown();
        List<Lookup> lookups = new ArrayList<>(threads);
        for (Future<Lookup> future : futures) {
            lookups.add(future.get(2, TimeUnit.MINUTES));
        }
        return lookups;
    }

    private Lookup lookup(HttpRequest request) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            return new Lookup(response.statusCode(), response.statusCode() == 200 ? accessToken(response.body()) : null,
                    nanos);
        } catch (IOException e) {
            return new Lookup(-1, null, System.nanoTime() - start);
        }
    }

    private String accessToken(byte[] body) throws IOException {
        JsonNode token = json.readTree(body).path("credentials").path("access_token");
        return token.isTextual() ? token.asText() : null;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
