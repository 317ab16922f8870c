package com.credbroker.broker.provider;

import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.provider.CatalogueResolver;
import com.credbroker.refresh.provider.ProviderCatalogue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real broker with the real, shipped catalogue behind its resolver (what {@code Broker.start} wires):
 * the providers are listed, and an auth config's binding is checked by the catalogue's rules.
 */
class ShippedCatalogueIT {
    private static final String AUTH_CONFIGS = "/v1/personal-connectors/admin/auth-configs";
    private static final String PROVIDERS = "/v1/personal-connectors/admin/providers";
    private static final Map<String, String> ADMIN = RunningBroker.admin();

    @TempDir
    static Path dataDir;
    static RunningBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(dataDir, Map.of(),
                new CatalogueResolver(ProviderCatalogue.load(RefreshConfig.defaults())));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void listsTheShippedProvidersAndShowsOne() {
        HttpResponse<String> list = broker.http.get(PROVIDERS, ADMIN);
        HttpResponse<String> zendesk = broker.http.get(PROVIDERS + "/zendesk", ADMIN);

        assertThat(body(list).get("items").size()).isGreaterThanOrEqualTo(40);
        assertThat(zendesk.statusCode()).isEqualTo(200);
        assertThat(body(zendesk).at("/connection_fields/subdomain/pattern").asText()).isNotEmpty();
    }

    @Test
    void aBindingIsCheckedByTheTemplatesRules() {
        HttpResponse<String> evil = create(zendesk(Map.of("subdomain", "evil.com/")));
        HttpResponse<String> good = create(zendesk(Map.of("subdomain", "acme")));

        assertThat(evil.statusCode()).as(evil.body()).isEqualTo(400);
        assertThat(body(evil).at("/error/message").asText()).contains("connection_fields.subdomain")
                .doesNotContain("evil.com");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
    }

    private static Map<String, Object> zendesk(Map<String, String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", "zendesk");
        body.put("client_id", "zd-client");
        body.put("client_secret", "zd-secret-0123456789");
        body.put("connection_fields", fields);
        return body;
    }

    private static HttpResponse<String> create(Map<String, Object> body) {
        return broker.http.post(AUTH_CONFIGS, ADMIN, Fixtures.toJson(body));
    }
}
