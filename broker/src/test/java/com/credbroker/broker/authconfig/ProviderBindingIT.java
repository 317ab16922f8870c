package com.credbroker.broker.authconfig;

import static com.credbroker.broker.authconfig.AuthConfigBodies.AUTH_CONFIGS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.FakeProviders;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.Http;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auth configs on provider templates and connections' per-connection fields, on the real broker (H2 file)
 * with a two-entry fake catalogue ({@link FakeProviders}): what is stored and shown, and every refusal a
 * 400 {@code invalid_provider_config} that lists all problems before anything is stored.
 */
class ProviderBindingIT {
    static final String INITIATE = "/v1/personal-connectors/admin/connections/initiate";
    static final String INVALID = "invalid_provider_config";
    static final Map<String, String> ADMIN = RunningBroker.admin();

    @TempDir
    static Path dataDir;
    static RunningBroker broker;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        broker = new RunningBroker(dataDir, Map.of(), new FakeProviders());
        http = broker.http;
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static Map<String, Object> zendesk() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", "zendesk");
        body.put("client_id", "zd-client");
        body.put("client_secret", "zd-secret-0123456789");
        return body;
    }

    static HttpResponse<String> create(Map<String, Object> body) {
        return http.post(AUTH_CONFIGS, ADMIN, Fixtures.toJson(body));
    }

    static JsonNode created(Map<String, Object> body) {
        HttpResponse<String> response = create(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return body(response);
    }

    static String refusal(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(body(response).at("/error/code").asText()).isEqualTo(INVALID);
        return body(response).at("/error/message").asText();
    }

    @Test
    void aConfigWithProviderOverridesAndFixedFieldsIsStoredAndShownAsSent() {
        Map<String, Object> body = zendesk();
        body.put("token_endpoint", "https://acme.zendesk.example/oauth/tokens");
        body.put("provider_overrides", Map.of("authorization_params", Map.of("prompt", "consent"),
                "token_response", Map.of("default_lifetime_seconds", 7200, "token_types", Map.of("bot", "Bearer"))));
        body.put("connection_fields", Map.of("subdomain", "acme"));

        JsonNode config = created(body);

        assertThat(config.get("provider").asText()).isEqualTo("zendesk");
        assertThat(config.get("app_name").asText()).isEqualTo("zendesk");
        assertThat(config.get("token_endpoint").isNull()).isTrue();
        assertThat(config.get("authorization_endpoint").isNull()).isTrue();
        assertThat(config.get("scopes")).isEmpty();
        assertThat(config.get("has_client_secret").asBoolean()).isTrue();
        assertThat(config.get("provider_overrides")).isEqualTo(Fixtures.json("{\"authorization_params\":"
                + "{\"prompt\":\"consent\"},\"token_response\":{\"default_lifetime_seconds\":7200,"
                + "\"token_types\":{\"bot\":\"Bearer\"}},\"token_url\":\"https://acme.zendesk.example/oauth/tokens\"}"));
        assertThat(config.get("connection_fields")).isEqualTo(Fixtures.json("{\"subdomain\":\"acme\"}"));
        assertThat(config.toString()).doesNotContain("zd-secret");

        String id = config.get("auth_config_id").asText();
        HttpResponse<String> read = http.get(AUTH_CONFIGS + "/" + id, ADMIN);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read)).isEqualTo(config);
    }

    @Test
    void aPatchChangesOverridesAndEndpointOverridesAndCanDropTheProvider() {
        String id = created(zendesk()).get("auth_config_id").asText();

        JsonNode patched = body(http.patch(AUTH_CONFIGS + "/" + id, ADMIN, "{\"provider_overrides\":"
                + "{\"scope_separator\":\",\"},\"authorization_endpoint\":\"https://acme.zendesk.example/authorize\"}"));
        assertThat(patched.get("provider_overrides")).isEqualTo(Fixtures.json("{\"scope_separator\":\",\","
                + "\"authorization_url\":\"https://acme.zendesk.example/authorize\"}"));

        assertThat(refusal(http.patch(AUTH_CONFIGS + "/" + id, ADMIN, "{\"provider_overrides\":{\"bogus\":1}}")))
                .contains("provider_overrides.bogus");
        assertThat(body(http.get(AUTH_CONFIGS + "/" + id, ADMIN))).isEqualTo(patched);

        HttpResponse<String> noEndpoint = http.patch(AUTH_CONFIGS + "/" + id, ADMIN, "{\"provider\":null}");
        assertThat(noEndpoint.statusCode()).as(noEndpoint.body()).isEqualTo(422);
        assertThat(body(noEndpoint).at("/error/message").asText()).contains("token_endpoint is required");

        HttpResponse<String> plain = http.patch(AUTH_CONFIGS + "/" + id, ADMIN, "{\"provider\":null,"
                + "\"token_endpoint\":\"https://zendesk.example/token\"}");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        assertThat(body(plain).get("provider").isNull()).isTrue();
        assertThat(body(plain).get("provider_overrides")).isEmpty();
        assertThat(body(plain).get("token_endpoint").asText()).isEqualTo("https://zendesk.example/token");
    }

    @Test
    void anUnknownProviderIsRefusedByName() {
        Map<String, Object> body = zendesk();
        body.put("provider", "zendsk");

        assertThat(refusal(create(body))).contains("zendsk");
    }

    @Test
    void everyProblemIsListedAtOnceAndNothingIsStored() {
        int before = http.get(AUTH_CONFIGS + "?limit=100", ADMIN).body().split("auth_config_id").length;
        Map<String, Object> body = zendesk();
        body.put("provider_overrides", Map.of("bogus_field", true, "scope_separator", 7));
        body.put("connection_fields", Map.of("subdomain", "not a subdomain!"));

        String message = refusal(create(body));

        assertThat(message).startsWith("3 problems").contains("provider_overrides.bogus_field")
                .contains("provider_overrides.scope_separator").contains("connection_fields.subdomain")
                .doesNotContain("not a subdomain!");
        assertThat(http.get(AUTH_CONFIGS + "?limit=100", ADMIN).body().split("auth_config_id")).hasSize(before);
    }

    @Test
    void anEndpointGivenTwiceOrTemplateFieldsWithoutProviderAreRefused() {
        Map<String, Object> twice = zendesk();
        twice.put("token_endpoint", "https://acme.zendesk.example/oauth/tokens");
        twice.put("provider_overrides", Map.of("token_url", "https://{subdomain}.zendesk.example/oauth/tokens"));
        assertThat(refusal(create(twice))).contains("token_endpoint").contains("provider_overrides.token_url");

        Map<String, Object> orphan = new LinkedHashMap<>(AuthConfigBodies.valid());
        orphan.put("connection_fields", Map.of("subdomain", "acme"));
        assertThat(refusal(create(orphan))).contains("need a provider");
    }

    @Test
    void aConfigWithoutProviderIsAsBefore() {
        JsonNode config = created(AuthConfigBodies.valid());

        assertThat(config.get("token_endpoint").asText()).isEqualTo("https://github.com/login/oauth/access_token");
        assertThat(config.get("authorization_endpoint").asText()).isEqualTo("https://github.com/login/oauth/authorize");
        assertThat(config.get("scopes")).hasSize(2);
        assertThat(config.get("provider").isNull()).isTrue();
        assertThat(config.get("provider_overrides")).isEmpty();
        assertThat(config.get("connection_fields")).isEmpty();
        Map<String, Object> noToken = new LinkedHashMap<>(AuthConfigBodies.valid());
        noToken.remove("token_endpoint");
        HttpResponse<String> refused = create(noToken);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    }

    @Test
    void initiateStoresConnectionConfigWhereTheLookupShowsIt() {
        String id = created(AuthConfigBodies.valid()).get("auth_config_id").asText();

        HttpResponse<String> started = http.post(INITIATE, ADMIN, "{\"auth_config_id\":\"" + id + "\","
                + "\"callback_url\":\"https://app.example/back\",\"connection_config\":{\"tenant\":\"acme-eu\"}}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode lookup = lookup(body(started).get("connection_id").asText());
        assertThat(lookup.at("/extra_data/connection_config")).isEqualTo(Fixtures.json("{\"tenant\":\"acme-eu\"}"));
        assertThat(lookup.get("status").asText()).isEqualTo("INITIATED");
    }

    @Test
    void initiateRefusesAFixedFieldGivenAgainAndAMissingFieldBeforeStoringAnything() {
        Map<String, Object> fixed = zendesk();
        fixed.put("connection_fields", Map.of("subdomain", "acme"));
        String fixedId = created(fixed).get("auth_config_id").asText();
        String openId = created(zendesk()).get("auth_config_id").asText();

        String again = refusal(http.post(INITIATE, ADMIN, "{\"auth_config_id\":\"" + fixedId + "\","
                + "\"callback_url\":\"https://app.example/back\",\"connection_config\":{\"subdomain\":\"globex\"}}"));
        String missing = refusal(http.post(INITIATE, ADMIN, "{\"auth_config_id\":\"" + openId + "\","
                + "\"callback_url\":\"https://app.example/back\",\"connection_config\":{\"region\":\"eu\"}}"));

        assertThat(again).contains("connection_config.subdomain is fixed by the auth config").doesNotContain("globex");
        assertThat(missing).startsWith("2 problems").contains("connection_config.region")
                .contains("connection_config.subdomain is required");
        assertThat(connectionsOf(fixedId) + connectionsOf(openId)).isZero();
    }

    @Test
    void anImportStoresConnectionConfigOnlyWhenTheTemplateAcceptsIt() {
        String id = created(zendesk()).get("auth_config_id").asText();

        HttpResponse<String> refused = http.post(Fixtures.CREDENTIALS, ADMIN, imported("conn_zd_bad", id,
                "{\"subdomain\":\"ac/me\"}"));
        assertThat(refusal(refused)).contains("connection_config.subdomain").doesNotContain("ac/me");
        assertThat(http.get(Fixtures.BY_CONNECTION + "conn_zd_bad", ADMIN).statusCode()).isEqualTo(404);

        HttpResponse<String> stored = http.post(Fixtures.CREDENTIALS, ADMIN, imported("conn_zd_ok", id,
                "{\"subdomain\":\"acme\"}"));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(lookup("conn_zd_ok").at("/extra_data/connection_config"))
                .isEqualTo(Fixtures.json("{\"subdomain\":\"acme\"}"));
    }

    private static String imported(String connectionId, String authConfigId, String connectionConfig) {
        return "{\"connection_id\":\"" + connectionId + "\",\"app_name\":\"zendesk\",\"auth_scheme\":\"OAUTH2\","
                + "\"auth_config_id\":\"" + authConfigId + "\",\"credentials\":{\"access_token\":\"zd-token\"},"
                + "\"connection_config\":" + connectionConfig + "}";
    }

    private static JsonNode lookup(String connectionId) {
        HttpResponse<String> response = http.get(Fixtures.BY_CONNECTION + connectionId, ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return body(response);
    }

    private static int connectionsOf(String authConfigId) {
        HttpResponse<String> page = http.get(Fixtures.CREDENTIALS + "?auth_config_id=" + authConfigId, ADMIN);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return body(page).get("items").size();
    }
}
