package com.credbroker.broker.http;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plants a canary through every write path of a running broker — import, update, API_KEY import, auth
 * config secret (create and PATCH), connect flow (code and the tokens of the exchange), a refresh answered
 * by a WireMock provider, API key creation — provokes errors around them, and collects every text a
 * caller or operator sees where no secret may be: error bodies, redacted views, listings, audit, metrics.
 */
final class LeakScenario {
    static final String ACCESS = "CANARYaccess9f8e7d6c5b4a";
    static final String REFRESH = "CANARYrefresh1a2b3c4d5e6f";
    static final String ID_TOKEN = "CANARYidtoken77aa88bb99cc";
    static final String HEADER = "CANARYheader0011223344556";
    static final String EMAIL = "canary-mail-5e5e5e@example.com";
    static final String PATCHED = "CANARYpatched4c4c4c4c4c4c";
    static final String API_KEY_VALUE = "CANARYapikey8d8d8d8d8d8d";
    static final String CLIENT_SECRET = "CANARYclient3f3f3f3f3f3f";
    static final String CLIENT_SECRET_2 = "CANARYclient2b2b2b2b2b2b";
    static final String CODE = "CANARYcode6a6a6a6a6a6a6a";
    static final String CALLBACK_ACCESS = "CANARYcbaccess1e1e1e1e1e";
    static final String CALLBACK_REFRESH = "CANARYcbrefresh2d2d2d2d2d";
    static final String REFRESHED_ACCESS = "CANARYrfaccess7b7b7b7b7b";
    static final String REFRESHED_REFRESH = "CANARYrfrefresh9c9c9c9c9c";

    /** Every canary that must never be at rest in plain form, in a log line, an error, audit or metrics. */
    final List<String> canaries = new ArrayList<>(List.of(ACCESS, REFRESH, ID_TOKEN, HEADER, EMAIL, PATCHED,
            API_KEY_VALUE, CLIENT_SECRET, CLIENT_SECRET_2, CODE, CALLBACK_ACCESS, CALLBACK_REFRESH,
            REFRESHED_ACCESS, REFRESHED_REFRESH));
    /** Texts a caller or operator reads where none of {@link #canaries} may appear. */
    final List<String> mustBeClean = new ArrayList<>();

    private final RunningBroker broker;
    private final WireMockServer provider;

    LeakScenario(RunningBroker broker, WireMockServer provider) {
        this.broker = broker;
        this.provider = provider;
    }

    void run() {
        importAndUpdate();
        String authConfigId = authConfig();
        connectFlow(authConfigId);
        refreshFromProvider(authConfigId);
        createApiKey();
        mustBeClean.add(broker.http.get(CREDENTIALS + "?limit=100", RunningBroker.admin()).body());
        mustBeClean.add(broker.http.get("/v1/personal-connectors/admin/audit?limit=200", RunningBroker.admin()).body());
        mustBeClean.add(broker.http.get("/v1/personal-connectors/admin/auth-configs", RunningBroker.admin()).body());
        mustBeClean.add(broker.metrics());
    }

    private void importAndUpdate() {
        String create = "{\"connection_id\":\"conn_canary\",\"app_name\":\"google\",\"auth_scheme\":\"OAUTH2\","
                + "\"account_email\":\"" + EMAIL + "\",\"id_token\":\"" + ID_TOKEN + "\","
                + "\"extra_headers\":{\"X-Api-Token\":\"" + HEADER + "\"},"
                + "\"credentials\":{\"access_token\":\"" + ACCESS + "\",\"refresh_token\":\"" + REFRESH
                + "\",\"expires_in\":3600}}";
        HttpResponse<String> created = broker.http.post(CREDENTIALS, RunningBroker.admin(), create);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = body(created).get("credential_id").asText();
        assertThat(broker.http.patch(CREDENTIALS + "/" + id, RunningBroker.admin(),
                "{\"credentials\":{\"access_token\":\"" + PATCHED + "\"}}").statusCode()).isEqualTo(200);
        assertThat(broker.http.get(BY_CONNECTION + "conn_canary", RunningBroker.admin()).body()).contains(PATCHED);
        assertThat(broker.http.post(CREDENTIALS, RunningBroker.admin(), "{\"connection_id\":\"conn_apikey\","
                + "\"app_name\":\"openai\",\"auth_scheme\":\"API_KEY\",\"credentials\":{\"api_key\":\""
                + API_KEY_VALUE + "\"}}").statusCode()).isEqualTo(201);

        mustBeClean.add(broker.http.post(CREDENTIALS, RunningBroker.admin(), create.replace("}}", "}")).body());
        mustBeClean.add(broker.http.post(CREDENTIALS, RunningBroker.admin(),
                create.replace("3600", "\"" + ACCESS + "\"")).body());
        mustBeClean.add(broker.http.post(CREDENTIALS, RunningBroker.admin(),
                create.replace("\"OAUTH2\"", "\"" + REFRESH + "\"")).body());
        mustBeClean.add(broker.http.post(CREDENTIALS, RunningBroker.admin(),
                create.replace("\"conn_canary\"", "\"" + ACCESS + "/..\"")).body());
        mustBeClean.add(broker.http.patch(CREDENTIALS + "/" + id, RunningBroker.admin(),
                "{\"credentials\":{\"access_token\":{\"x\":\"" + PATCHED + "\"}}}").body());
        mustBeClean.add(broker.http.get(BY_CONNECTION + "conn_canary", Map.of("X-API-Key", ACCESS)).body());
        mustBeClean.add(broker.http.get(BY_CONNECTION + "conn_canary",
                Fixtures.key(broker.http, "api", "credentials:read_metadata")).body().replace(EMAIL, ""));
        mustBeClean.add(broker.http.get(BY_CONNECTION + "conn_apikey",
                Fixtures.key(broker.http, "api", "credentials:read_metadata")).body());
    }

    private String authConfig() {
        provider.stubFor(post(urlEqualTo("/token")).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(tokens(CALLBACK_ACCESS, CALLBACK_REFRESH)));
        provider.stubFor(post(urlEqualTo("/token")).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(tokens(REFRESHED_ACCESS, REFRESHED_REFRESH)));
        String body = "{\"app_name\":\"mockapp\",\"authorization_endpoint\":\"" + provider.baseUrl() + "/authorize\","
                + "\"token_endpoint\":\"" + provider.baseUrl() + "/token\",\"client_id\":\"client-1\","
                + "\"client_secret\":\"" + CLIENT_SECRET + "\",\"client_auth_method\":\"client_secret_post\"}";
        HttpResponse<String> created = broker.http.post(AUTH_CONFIGS, RunningBroker.admin(), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        mustBeClean.add(created.body());
        String id = body(created).get("auth_config_id").asText();
        HttpResponse<String> patched = broker.http.patch(AUTH_CONFIGS + "/" + id, RunningBroker.admin(),
                "{\"client_secret\":\"" + CLIENT_SECRET_2 + "\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        mustBeClean.add(patched.body());
        mustBeClean.add(broker.http.post(AUTH_CONFIGS, RunningBroker.admin(),
                body.replace("client_secret_post", CLIENT_SECRET)).body());
        mustBeClean.add(broker.http.get(AUTH_CONFIGS + "/" + id, RunningBroker.admin()).body());
        return id;
    }

    private void connectFlow(String authConfigId) {
        HttpResponse<String> initiated = broker.http.post("/v1/personal-connectors/admin/connections/initiate",
                RunningBroker.admin(), "{\"auth_config_id\":\"" + authConfigId + "\",\"entity_id\":\"user_9\","
                        + "\"callback_url\":\"https://app.example/connected\"}");
        assertThat(initiated.statusCode()).as(initiated.body()).isEqualTo(201);
        String state = queryValue(body(initiated).get("redirect_url").asText(), "state");
        String connectionId = body(initiated).get("connection_id").asText();
        HttpResponse<String> callback = broker.http.get(CALLBACK + "?code=" + CODE + "&state=" + state, Map.of());
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
        mustBeClean.add(callback.headers().map().toString() + callback.body());
        assertThat(broker.http.get(BY_CONNECTION + connectionId, RunningBroker.admin()).body())
                .contains(CALLBACK_ACCESS);
        mustBeClean.add(broker.http.get(CALLBACK + "?code=" + CODE + "&state=" + state, Map.of()).body());
        mustBeClean.add(broker.http.get(CALLBACK + "?code=" + CODE + "&state=" + CODE, Map.of()).body());
    }

    private void refreshFromProvider(String authConfigId) {
        assertThat(broker.http.post(CREDENTIALS, RunningBroker.admin(), "{\"connection_id\":\"conn_refresh\","
                + "\"app_name\":\"mockapp\",\"auth_scheme\":\"OAUTH2\",\"auth_config_id\":\"" + authConfigId + "\","
                + "\"credentials\":{\"access_token\":\"old\",\"refresh_token\":\"" + REFRESH + "\",\"expires_in\":60}}")
                .statusCode()).isEqualTo(201);
        // a refresh-only key: the answer is the redacted record, which must not hold the new tokens
        HttpResponse<String> refreshed = broker.http.post(BY_CONNECTION + "conn_refresh/refresh",
                Fixtures.key(broker.http, "api", "credentials:refresh"), "");
        assertThat(refreshed.headers().firstValue("X-Refresh-Outcome")).hasValue("success");
        mustBeClean.add(refreshed.body());
        assertThat(broker.http.get(BY_CONNECTION + "conn_refresh", RunningBroker.admin()).body())
                .contains(REFRESHED_ACCESS);
    }

    private void createApiKey() {
        Fixtures.Key key = Fixtures.createKey(broker.http, "hub", "credentials:read");
        String secret = key.headers().values().iterator().next();
        canaries.add(secret);
        assertThat(broker.http.get(BY_CONNECTION + "conn_canary", key.headers()).statusCode()).isEqualTo(200);
        mustBeClean.add(broker.http.get(Fixtures.API_KEYS, RunningBroker.admin()).body());
        mustBeClean.add(broker.http.get(Fixtures.API_KEYS + "/" + key.id(), RunningBroker.admin()).body());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokens(String access,
            String refresh) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private static String queryValue(String url, String name) {
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    static final String AUTH_CONFIGS = "/v1/personal-connectors/admin/auth-configs";
    static final String CALLBACK = "/v1/personal-connectors/oauth/callback";
}
