package com.credbroker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StubTokenEndpointTest {
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<String> post(StubTokenEndpoint endpoint, String form) throws Exception {
        return http.send(request(endpoint, form), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest request(StubTokenEndpoint endpoint, String form) {
        return HttpRequest.newBuilder(endpoint.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    @Test
    void answersWithTokensDerivedFromTheRefreshToken() throws Exception {
        try (StubTokenEndpoint endpoint = StubTokenEndpoint.start(Duration.ZERO)) {
            HttpResponse<String> response = post(endpoint, "grant_type=refresh_token&refresh_token=rt-1");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body()).isEqualTo(
                    "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"rt-1-r\"}");
            assertThat(endpoint.calls()).isEqualTo(1);
            assertThat(endpoint.duplicates()).isZero();
        }
    }

    @Test
    void countsARefreshTokenPresentedTwice() throws Exception {
        try (StubTokenEndpoint endpoint = StubTokenEndpoint.start(Duration.ZERO)) {
            post(endpoint, "grant_type=refresh_token&refresh_token=rt-1");
            post(endpoint, "grant_type=refresh_token&refresh_token=rt-1-r");
            post(endpoint, "grant_type=refresh_token&refresh_token=rt-1");

            assertThat(endpoint.calls()).isEqualTo(3);
            assertThat(endpoint.duplicates()).isEqualTo(1);
        }
    }

    @Test
    void refusesARequestWithoutRefreshToken() throws Exception {
        try (StubTokenEndpoint endpoint = StubTokenEndpoint.start(Duration.ZERO)) {
            assertThat(post(endpoint, "grant_type=refresh_token").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void latencyDelaysAnswersWithoutSerialisingThem() throws Exception {
        try (StubTokenEndpoint endpoint = StubTokenEndpoint.start(Duration.ofMillis(300))) {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < 500; i++) {
                responses.add(http.sendAsync(request(endpoint, "refresh_token=rt-" + i),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.join().statusCode()).isEqualTo(200);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(10));
            assertThat(endpoint.calls()).isEqualTo(500);
        }
    }
}
