package com.credbroker.broker.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Redocly's lint (tools/lint-openapi.sh, run by .ci/run where npx exists) would refuse as an error,
 * checked without Node: a licence and absolute servers; and the listing rules every list documents.
 */
class OpenApiDocumentTest {
    private static final String ADMIN = "/v1/personal-connectors/admin/";
    private static JsonNode spec;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi/openapi.json")) {
            spec = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void namesItsLicenceAndServers() {
        assertThat(spec.at("/info/license/name").asText()).isEqualTo("Apache-2.0");
        assertThat(spec.at("/info/license/url").asText()).startsWith("https://www.apache.org/licenses/");
        assertThat(spec.get("servers")).isNotEmpty();
        spec.get("servers").forEach(server -> {
            URI url = URI.create(server.get("url").asText());
            assertThat(url.isAbsolute()).isTrue();
            assertThat(url.getHost()).isNotBlank();
            assertThat(server.get("url").asText()).doesNotEndWith("/").doesNotContain("example.com");
        });
    }

    @Test
    void everyListSaysItsOrderAndDocumentsTheBadRequest() {
        for (String list : List.of("credentials", "auth-configs", "api-keys", "audit")) {
            JsonNode operation = spec.at("/paths/" + (ADMIN + list).replace("/", "~1") + "/get");
            assertThat(operation.get("description").asText()).as(list).containsIgnoringCase("newest first");
            assertThat(operation.at("/responses/400/$ref").asText()).as(list)
                    .isEqualTo("#/components/responses/BadRequest");
        }
        assertThat(spec.at("/components/parameters/Cursor/description").asText()).contains("400");
    }
}
