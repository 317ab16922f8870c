package com.credbroker.broker.http;

import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.openapi.OpenApiRoutes;
import com.credbroker.broker.refresh.RefreshApi;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /} points to the OpenAPI document; a 204 carries no {@code Content-Type}, on every 204 route. */
class HttpConventionsIT {
    @TempDir
    static Path dataDir;
    static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void theRootPointsToTheOpenApiDocument() {
        HttpResponse<String> root = broker.http.get("/", Map.of());

        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(root.headers().firstValue("Link")).hasValue("</openapi.json>; rel=\"service-desc\"");
        assertThat(body(root).get("openapi").asText()).isEqualTo("/openapi.json");
        assertThat(broker.http.get(body(root).get("openapi").asText(), Map.of()).statusCode()).isEqualTo(200);
        assertThat(broker.http.get(body(root).get("health").asText(), Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void everyNoContentAnswerHasNoContentType() {
        assertThat(documentedNoContentOperations()).containsExactlyInAnyOrder(
                "delete /v1/personal-connectors/admin/credentials/{credential_id}",
                "delete /v1/personal-connectors/admin/api-keys/{key_id}",
                "delete /v1/personal-connectors/admin/auth-configs/{auth_config_id}");
        HttpResponse<String> created = broker.http.post(Fixtures.CREDENTIALS, RunningBroker.admin(),
                Fixtures.oauth2("conn_204", "tok-204", 3600));
        String authConfigId = RefreshApi.authConfig(broker.http, URI.create("http://127.0.0.1:9/token"));
        String keyId = Fixtures.createKey(broker.http, "api", "credentials:read").id();

        for (String path : new String[] {Fixtures.CREDENTIALS + "/" + body(created).get("credential_id").asText(),
            Fixtures.API_KEYS + "/" + keyId, "/v1/personal-connectors/admin/auth-configs/" + authConfigId}) {
            HttpResponse<String> deleted = broker.http.delete(path, RunningBroker.admin());

            assertThat(deleted.statusCode()).as(path).isEqualTo(204);
            assertThat(deleted.headers().firstValue("Content-Type")).as(path).isEmpty();
            assertThat(deleted.body()).as(path).isEmpty();
        }
    }

    /** {@code method path} of every operation the OpenAPI document says may answer 204. */
    private static Set<String> documentedNoContentOperations() {
        JsonNode spec = Fixtures.json(new String(OpenApiRoutes.load(), StandardCharsets.UTF_8));
        Set<String> operations = new TreeSet<>();
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().has("responses") && op.getValue().get("responses").has("204")) {
                operations.add(op.getKey() + " " + path.getKey());
            }
        }));
        return operations;
    }
}
