package com.credbroker.broker.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.Http;
import com.credbroker.broker.testing.RunningBroker;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/** Admin calls the refresh tests repeat: an auth config for a provider, a connection that uses it. */
public final class RefreshApi {
    static final String AUTH_CONFIGS = "/v1/personal-connectors/admin/auth-configs";
    static final String CLIENT_SECRET = "client-secret-CANARY-4f1e";

    private RefreshApi() {
    }

    /** A broker on {@code dataDir} that accepts http token URLs and leaves refreshing to the test (scans hourly). */
    public static RunningBroker brokerRefreshingOnDemand(Path dataDir) throws Exception {
        return new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true",
                "CREDBROKER_REFRESH_INTERVAL", "PT1H", "CREDBROKER_REFRESH_JITTER", "PT0S"));
    }

    public static String authConfig(Http http, URI tokenUrl) {
        HttpResponse<String> created = http.post(AUTH_CONFIGS, RunningBroker.admin(), "{\"app_name\":\"google\","
                + "\"token_endpoint\":\"" + tokenUrl + "\",\"client_id\":\"client-1\",\"client_secret\":\""
                + CLIENT_SECRET + "\",\"client_auth_method\":\"client_secret_basic\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Fixtures.body(created).get("auth_config_id").asText();
    }

    public static void connection(Http http, String connectionId, String authConfigId, String refreshToken,
            long expiresIn) {
        HttpResponse<String> created = http.post(Fixtures.CREDENTIALS, RunningBroker.admin(), "{\"connection_id\":\""
                + connectionId + "\",\"app_name\":\"google\",\"auth_scheme\":\"OAUTH2\",\"auth_config_id\":\""
                + authConfigId + "\",\"credentials\":{\"access_token\":\"old-access-" + connectionId
                + "\",\"refresh_token\":\"" + refreshToken + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + expiresIn + "}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    public static HttpResponse<String> forceRefresh(Http http, String connectionId, Map<String, String> key) {
        return http.post(Fixtures.BY_CONNECTION + connectionId + "/refresh", key, "");
    }
}
