package com.credbroker.broker.integrity;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.refresh.RefreshApi;
import com.credbroker.broker.testing.CapturedLogs;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.refresh.testing.RotatingProvider;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database is untrusted storage: a row changed or planted around the broker (by hand in SQL) that
 * would decide who may read a secret or where it is sent is refused at use, counted in
 * {@code credbroker_tampered_rows_total{table}} and logged without secrets, and nothing goes to the
 * destination it names. One broker and two providers (the real one and the attacker's, both loopback
 * WireMocks) serve every case; each case uses rows of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TamperedRowsIT {
    private static final String API_KEYS = "/v1/personal-connectors/admin/api-keys";
    private static final String KEYRING = "/v1/personal-connectors/admin/keyring";
    private static final String AUTH_CONFIGS = "/v1/personal-connectors/admin/auth-configs";

    @TempDir
    static Path dataDir;
    private CapturedLogs logs;
    private RotatingProvider provider;
    private RotatingProvider attacker;
    private RunningBroker running;

    @BeforeAll
    void start() throws Exception {
        logs = CapturedLogs.start();
        provider = RotatingProvider.start();
        attacker = RotatingProvider.start();
        running = RefreshApi.brokerRefreshingOnDemand(dataDir);
    }

    @AfterAll
    void stop() {
        running.close();
        provider.close();
        attacker.close();
        logs.close();
    }

    @Test
    void aKeyWhoseScopesWereWidenedInSqlNoLongerAuthenticates() throws Exception {
        String secret = createKey("narrow", "[\"credentials:read_metadata\"]");
        double before = tampered("api_keys");

        sql("UPDATE api_keys SET scopes = 'admin credentials:read' WHERE name = 'narrow'");

        assertThat(running.http.get(API_KEYS, Map.of("X-API-Key", secret)).statusCode()).isEqualTo(401);
        assertThat(running.http.get(BY_CONNECTION + "conn_none", Map.of("X-API-Key", secret)).statusCode())
                .isEqualTo(401);
        assertThat(tampered("api_keys")).isGreaterThan(before);
        assertLoggedWithoutSecrets("api_keys", secret);
    }

    @Test
    void anAdminKeyRowInsertedInSqlIsRefused() throws Exception {
        String secret = "cbk_planted_admin_key_0123456789abcdef0123456789";
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        try (Connection db = running.broker().storage().database().dataSource().getConnection();
             PreparedStatement insert = db.prepareStatement("INSERT INTO api_keys (id, kind, name, scopes,"
                     + " secret_hash, created_at) VALUES ('key_planted', 'api', 'planted',"
                     + " 'admin credentials:read credentials:write', ?, CURRENT_TIMESTAMP)")) {
            insert.setBytes(1, hash);
            insert.executeUpdate();
        }

        assertThat(running.http.get(API_KEYS, Map.of("X-API-Key", secret)).statusCode()).isEqualTo(401);
    }

    @Test
    void aRefreshThroughAnAuthConfigRepointedInSqlSendsNothingAndChangesNothing() throws Exception {
        String authConfigId = RefreshApi.authConfig(running.http, provider.tokenUrl());
        RefreshApi.connection(running.http, "conn_repointed", authConfigId, provider.seed("repointed"), 600);
        double before = tampered("auth_configs");

        sql("UPDATE auth_configs SET token_endpoint = '" + attacker.tokenUrl() + "' WHERE auth_config_id = '"
                + authConfigId + "'");
        HttpResponse<String> refresh = RefreshApi.forceRefresh(running.http, "conn_repointed", RunningBroker.admin());

        assertThat(refresh.statusCode()).isEqualTo(500);
        assertThat(refresh.body()).doesNotContain(attacker.tokenUrl().toString()).doesNotContain("client-secret");
        assertThat(attacker.calls()).isZero();
        assertThat(provider.calls("repointed")).isZero();
        assertThat(accessToken("conn_repointed")).isEqualTo("old-access-conn_repointed");
        assertThat(tampered("auth_configs")).isGreaterThan(before);
        assertLoggedWithoutSecrets("auth_configs", "client-secret-CANARY-4f1e"); // RefreshApi's client secret
    }

    @Test
    void aConnectionMovedToAnotherAuthConfigInSqlIsNeitherRefreshedNorDisclosed() throws Exception {
        String own = RefreshApi.authConfig(running.http, provider.tokenUrl());
        String others = RefreshApi.authConfig(running.http, attacker.tokenUrl());
        RefreshApi.connection(running.http, "conn_moved", own, provider.seed("moved"), 600);
        String credentialId = credentialIdOf("conn_moved"); // read below the API: a lookup would cache the record
        double before = tampered("credentials");

        sql("UPDATE credentials SET auth_config_id = '" + others + "' WHERE connection_id = 'conn_moved'");

        assertThat(RefreshApi.forceRefresh(running.http, "conn_moved", RunningBroker.admin()).statusCode())
                .isEqualTo(500);
        HttpResponse<String> lookup = running.http.get(BY_CONNECTION + "conn_moved", RunningBroker.admin());
        assertThat(lookup.statusCode()).isEqualTo(500);
        assertThat(lookup.body()).doesNotContain("old-access-conn_moved");
        assertThat(running.http.post(CREDENTIALS + "/" + credentialId + "/test", RunningBroker.admin(), "")
                .statusCode()).as("connection test").isEqualTo(500);
        assertThat(attacker.calls()).isZero();
        assertThat(provider.calls("moved")).isZero();
        assertThat(tampered("credentials")).isGreaterThan(before);

        sql("UPDATE credentials SET auth_config_id = '" + own + "' WHERE connection_id = 'conn_moved'");
        assertThat(accessToken("conn_moved")).isEqualTo("old-access-conn_moved");
    }

    @Test
    void deletingAConnectionWhoseRevocationEndpointWasRepointedInSqlRevokesNothingThereAndStillDeletes()
            throws Exception {
        HttpResponse<String> created = running.http.post(AUTH_CONFIGS, RunningBroker.admin(), "{\"app_name\":"
                + "\"google\",\"token_endpoint\":\"" + provider.tokenUrl() + "\",\"revocation_endpoint\":\""
                + provider.tokenUrl() + "\",\"client_id\":\"client-1\",\"client_secret\":\"revoking-secret\","
                + "\"client_auth_method\":\"client_secret_basic\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String authConfigId = body(created).get("auth_config_id").asText();
        RefreshApi.connection(running.http, "conn_deleted", authConfigId, provider.seed("deleted"), 600);
        String credentialId = body(running.http.get(BY_CONNECTION + "conn_deleted", RunningBroker.admin()))
                .get("credential_id").asText();

        sql("UPDATE auth_configs SET revocation_endpoint = '" + attacker.tokenUrl() + "' WHERE auth_config_id = '"
                + authConfigId + "'");
        HttpResponse<String> deleted = running.http.delete(CREDENTIALS + "/" + credentialId, RunningBroker.admin());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(attacker.calls()).isZero();
        assertThat(running.http.get(BY_CONNECTION + "conn_deleted", RunningBroker.admin()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void rowsWrittenByTheBrokerStayValidAcrossKeyRotationAndRewrap() throws Exception {
        String secret = createKey("rotating", "[\"credentials:read\",\"credentials:refresh\"]");
        String authConfigId = RefreshApi.authConfig(running.http, provider.tokenUrl());
        RefreshApi.connection(running.http, "conn_rotating", authConfigId, provider.seed("rotating"), 600);

        HttpResponse<String> rotated = running.http.post(KEYRING + "/rotate", RunningBroker.admin(), "");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        running.broker().storage().rewrapper().rewrapNow();

        Map<String, String> key = Map.of("X-API-Key", secret);
        assertThat(RefreshApi.forceRefresh(running.http, "conn_rotating", key).statusCode()).isEqualTo(200);
        assertThat(provider.calls("rotating")).isEqualTo(1);
        assertThat(body(running.http.get(BY_CONNECTION + "conn_rotating", key)).at("/credentials/access_token")
                .asText()).isEqualTo(provider.currentAccessToken("rotating"));
    }

    private String createKey(String name, String scopesJson) {
        HttpResponse<String> created = running.http.post(API_KEYS, RunningBroker.admin(),
                "{\"kind\":\"api\",\"name\":\"" + name + "\",\"scopes\":" + scopesJson + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created).get("secret").asText();
    }

    private String accessToken(String connectionId) {
        HttpResponse<String> lookup = running.http.get(BY_CONNECTION + connectionId, RunningBroker.admin());
        assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
        return body(lookup).at("/credentials/access_token").asText();
    }

    /** The counter as scraped (0 before its first refusal). */
    private double tampered(String table) {
        String metrics = running.metrics();
        Matcher value = Pattern.compile("credbroker_tampered_rows_total\\{table=\"" + table + "\"} (\\S+)")
                .matcher(metrics);
        assertThat(value.find()).as("credbroker_tampered_rows_total for %s is exported", table).isTrue();
        return Double.parseDouble(value.group(1));
    }

    private void assertLoggedWithoutSecrets(String table, String secret) {
        assertThat(logs.events()).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("refused " + table + " row").contains("failed authentication"));
        assertThat(logs.events()).noneSatisfy(event -> assertThat(event.getFormattedMessage()).contains(secret));
    }

    private String credentialIdOf(String connectionId) throws Exception {
        try (Connection db = running.broker().storage().database().dataSource().getConnection();
             PreparedStatement select = db.prepareStatement(
                     "SELECT credential_id FROM credentials WHERE connection_id = ?")) {
            select.setString(1, connectionId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection db = running.broker().storage().database().dataSource().getConnection();
             PreparedStatement update = db.prepareStatement(statement)) {
            assertThat(update.executeUpdate()).as(statement).isEqualTo(1);
        }
    }
}
