package com.credbroker.broker.provider;

import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.FakeBroker;
import com.credbroker.refresh.provider.ProviderCatalogue;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /admin/providers} on {@code BrokerApp} over in-memory storage, answers checked against openapi.json. */
class ProviderRoutesTest {
    private static final String PROVIDERS = "/v1/personal-connectors/admin/providers";
    private final FakeBroker broker = new FakeBroker(ProviderCatalogue.load(
            ProviderRoutesTest.class.getClassLoader(), "test-providers", Optional.empty(), false));

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void listsEveryTemplateWithItsFields() {
        HttpResponse<String> list = broker.http.get(PROVIDERS, broker.admin());

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode items = body(list).get("items");
        assertThat(items).extracting(item -> item.get("name").asText())
                .containsExactly("captured", "keyed", "pathy", "tenant");
        JsonNode tenant = items.get(3);
        assertThat(tenant.get("display_name").asText()).isEqualTo("Tenant Desk");
        assertThat(tenant.get("auth_scheme").asText()).isEqualTo("OAUTH2");
        assertThat(tenant.get("docs").get(0).asText()).isEqualTo("https://docs.example.com/oauth");
        assertThat(tenant.get("categories").get(0).asText()).isEqualTo("support");
        assertThat(tenant.at("/connection_fields/subdomain/example").asText()).isEqualTo("acme");
        assertThat(body(list).get("next_cursor").isNull()).isTrue();
    }

    @Test
    void showsOneWholeTemplate() {
        HttpResponse<String> one = broker.http.get(PROVIDERS + "/tenant", broker.admin());

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(body(one).get("token_url").asText()).isEqualTo("https://{subdomain}.tenant.example/oauth/tokens");
        assertThat(body(one).at("/token_response/token_types/bot").asText()).isEqualTo("Bearer");
        assertThat(body(one).has("issuer")).isFalse();
    }

    @Test
    void anUnknownProviderIs404WithTheErrorShape() {
        HttpResponse<String> missing = broker.http.get(PROVIDERS + "/nope", broker.admin());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(body(missing).at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void readingProvidersNeedsTheAdminScope() {
        HttpResponse<String> created = broker.http.post("/v1/personal-connectors/admin/api-keys", broker.admin(),
                "{\"kind\":\"api\",\"name\":\"reader\",\"scopes\":[\"credentials:read\"]}");
        JsonNode key = body(created);
        Map<String, String> reader = Map.of(key.get("header").asText(), key.get("secret").asText());

        assertThat(broker.http.get(PROVIDERS, reader).statusCode()).isEqualTo(403);
        assertThat(broker.http.get(PROVIDERS, Map.of()).statusCode()).isEqualTo(401);
        assertThat(broker.http.get(PROVIDERS + "?limit=5", broker.admin()).statusCode()).isEqualTo(400);
    }
}
