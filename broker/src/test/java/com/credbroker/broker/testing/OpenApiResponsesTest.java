package com.credbroker.broker.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** The check every IT response goes through notices a body the document does not describe. */
class OpenApiResponsesTest {
    private static final URI BASE = URI.create("http://127.0.0.1:1");

    @Test
    void aDocumentedErrorBodyPassesAndOneMissingItsRequestIdFails() {
        String path = "/v1/personal-connectors/admin/credentials/by-connection/conn_1";
        assertThatCode(() -> OpenApiResponses.check("GET", BASE.resolve(path), answer(404,
                "{\"error\":{\"code\":\"not_found\",\"message\":\"no such connection\",\"request_id\":\"r1\"}}")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> OpenApiResponses.check("GET", BASE.resolve(path), answer(404,
                "{\"error\":{\"code\":\"not_found\",\"message\":\"no such connection\"}}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("request_id");
    }

    @Test
    void aLiteralSegmentWinsOverAParameterAndTheOperationsSchemaApplies() {
        assertThatThrownBy(() -> OpenApiResponses.check("GET",
                BASE.resolve("/v1/personal-connectors/admin/credentials/cred_1"), answer(200, "{\"credential_id\":7}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("credential_id");
        assertThatThrownBy(() -> OpenApiResponses.check("GET", BASE.resolve("/health/live"), answer(200, "[]")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void undocumentedPathsAndBodiesThatAreNotJsonAreLeftAlone() {
        assertThatCode(() -> OpenApiResponses.check("GET", BASE.resolve("/nowhere"), answer(404, "[]")))
                .doesNotThrowAnyException();
        assertThatCode(() -> OpenApiResponses.check("GET", BASE.resolve("/health/live"),
                answer(200, "up", "text/plain"))).doesNotThrowAnyException();
    }

    private static HttpResponse<String> answer(int status, String body) {
        return answer(status, body, "application/json");
    }

    private static HttpResponse<String> answer(int status, String body, String type) {
        HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of(type)), (a, b) -> true);
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return HttpRequest.newBuilder(BASE).build();
            }

            @Override
            public Optional<HttpResponse<String>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public String body() {
                return body;
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return BASE;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
