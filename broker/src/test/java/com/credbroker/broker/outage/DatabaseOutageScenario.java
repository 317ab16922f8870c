package com.credbroker.broker.outage;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.refresh.testing.Await;
import com.credbroker.refresh.testing.RotatingProvider;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The database goes away under a running broker and comes back: while it is away, a lookup that needs a
 * refresh and a forced refresh answer 503 JSON with {@code Retry-After} and the provider is never called
 * (no lease can be written, so no request may leave); {@code /health/ready} says the database is down.
 * Once the database is back, the same broker, not restarted, refreshes and serves again.
 * Subclasses inject the outage for one database.
 */
abstract class DatabaseOutageScenario {
    static final String AUTH_CONFIGS = "/v1/personal-connectors/admin/auth-configs";
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    /** Takes the database away from the running broker. */
    abstract void cutOff() throws Exception;

    /** Gives it back. */
    abstract void restore() throws Exception;

    void runScenario(RunningBroker broker, RotatingProvider provider) throws Exception {
        String authConfigId = authConfig(broker, provider);
        createConnection(broker, authConfigId, provider.seed("outage"));

        cutOff();
        // only now the token expires (a scheduled scan before the outage would refresh it): a lookup must refresh
        broker.clock.advance(Duration.ofMinutes(5));
        HttpResponse<String> lookup = broker.http.get(BY_CONNECTION + "conn_outage", RunningBroker.admin());
        HttpResponse<String> forced = broker.http.post(BY_CONNECTION + "conn_outage/refresh", RunningBroker.admin(), "");
        HttpResponse<String> ready = broker.http.get("/health/ready", Map.of());

        assertUnavailable(lookup);
        assertUnavailable(forced);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(Fixtures.body(ready).at("/checks/database").asText()).isEqualTo("down");
        assertThat(provider.calls()).as("provider calls while no lease could be written").isZero();

        restore();
        assertThat(Await.until(() -> broker.http.get("/health/ready", Map.of()).statusCode() == 200, RECOVERY))
                .as("ready again without a restart").isTrue();
        HttpResponse<String> after = broker.http.get(BY_CONNECTION + "conn_outage", RunningBroker.admin());

        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        JsonNode body = Fixtures.body(after);
        assertThat(body.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(body.at("/credentials/access_token").asText()).isEqualTo(provider.currentAccessToken("outage"));
        assertThat(body.at("/credentials/refresh_token").asText()).isEqualTo(provider.currentRefreshToken("outage"));
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(provider.reuseDetected()).isZero();
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).as("Retry-After").isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = Fixtures.body(response).get("error");
        assertThat(error.get("code").asText()).isIn("database_unavailable", "audit_unavailable");
        assertThat(error.get("request_id").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("jdbc:");
    }

    private static String authConfig(RunningBroker broker, RotatingProvider provider) {
        HttpResponse<String> created = broker.http.post(AUTH_CONFIGS, RunningBroker.admin(), "{\"app_name\":\"google\","
                + "\"token_endpoint\":\"" + provider.tokenUrl() + "\",\"client_id\":\"client-1\","
                + "\"client_secret\":\"secret-1\",\"client_auth_method\":\"client_secret_basic\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Fixtures.body(created).get("auth_config_id").asText();
    }

    private static void createConnection(RunningBroker broker, String authConfigId, String refreshToken) {
        HttpResponse<String> created = broker.http.post(Fixtures.CREDENTIALS, RunningBroker.admin(),
                "{\"connection_id\":\"conn_outage\",\"app_name\":\"google\",\"auth_scheme\":\"OAUTH2\","
                        + "\"auth_config_id\":\"" + authConfigId + "\",\"credentials\":{\"access_token\":\"old-access\","
                        + "\"refresh_token\":\"" + refreshToken + "\",\"token_type\":\"Bearer\",\"expires_in\":60}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
}
