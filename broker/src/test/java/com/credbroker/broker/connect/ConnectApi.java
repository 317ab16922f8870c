package com.credbroker.broker.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.Http;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;

/** Admin calls and provider helpers the connect flow tests repeat. */
final class ConnectApi {
    static final String AUTH_CONFIGS = "/v1/personal-connectors/admin/auth-configs";
    static final String CLIENT_SECRET = "CANARY-client-secret-3e9d";
    static final String APP_CALLBACK = "https://app.example/connected";
    static final String ISSUER = "default";

    private ConnectApi() {
    }

    /** An auth config of the mock provider (authorization, token and revocation endpoints; scope openid). */
    static String authConfig(Http http, MockOAuth2Server provider) {
        HttpResponse<String> created = http.post(AUTH_CONFIGS, RunningBroker.admin(), "{\"app_name\":\"mock\","
                + "\"authorization_endpoint\":\"" + provider.authorizationEndpointUrl(ISSUER) + "\","
                + "\"token_endpoint\":\"" + provider.tokenEndpointUrl(ISSUER) + "\","
                + "\"client_id\":\"client-1\",\"client_secret\":\"" + CLIENT_SECRET + "\","
                + "\"client_auth_method\":\"client_secret_basic\",\"scopes\":[\"openid\",\"profile\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Fixtures.body(created).get("auth_config_id").asText();
    }

    static HttpResponse<String> initiate(Http http, String authConfigId) {
        return http.post(ConnectRoutes.INITIATE, RunningBroker.admin(), "{\"auth_config_id\":\"" + authConfigId
                + "\",\"entity_id\":\"user_42\",\"callback_url\":\"" + APP_CALLBACK + "?from=broker\"}");
    }

    /** Initiates and returns the answer (connection_id, redirect_url, …). */
    static JsonNode initiated(Http http, String authConfigId) {
        HttpResponse<String> response = initiate(http, authConfigId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Fixtures.body(response);
    }

    static JsonNode lookup(Http http, String connectionId) {
        HttpResponse<String> response = http.get(Fixtures.BY_CONNECTION + connectionId, RunningBroker.admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Fixtures.body(response);
    }

    /** Every request the provider received since the last call (waits briefly for stragglers). */
    static List<RecordedRequest> received(MockOAuth2Server provider) {
        List<RecordedRequest> requests = new ArrayList<>();
        while (true) {
            RecordedRequest request;
            try {
                request = provider.takeRequest(150, TimeUnit.MILLISECONDS);
            } catch (RuntimeException none) {
                request = null;
            }
            if (request == null) {
                return requests;
            }
            requests.add(request);
        }
    }

    static long tokenRequests(MockOAuth2Server provider) {
        return received(provider).stream().filter(r -> r.getPath() != null && r.getPath().contains("/token")).count();
    }

    static URI redirectUrl(JsonNode initiated) {
        return URI.create(initiated.get("redirect_url").asText());
    }
}
