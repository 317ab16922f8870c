package com.credbroker.broker.credential;

import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delete revokes the refresh token at the auth config's RFC 7009 endpoint first (best effort, audited). */
class RevocationIT {
    private static final Map<String, String> ADMIN = RunningBroker.admin();
    private static final String AUDIT = "/v1/personal-connectors/admin/audit?connection_id=";
    @TempDir
    Path dataDir;
    private WireMockServer provider;
    private RunningBroker running;

    @BeforeEach
    void start() throws Exception {
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
        running = new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true"));
    }

    @AfterEach
    void stop() {
        running.close();
        provider.stop();
    }

    private String authConfig(boolean withRevocation) {
        String revocation = withRevocation ? ",\"revocation_endpoint\":\"http://127.0.0.1:" + provider.port()
                + "/revoke\"" : "";
        return body(running.http.post("/v1/personal-connectors/admin/auth-configs", ADMIN, "{\"app_name\":\"p\","
                + "\"token_endpoint\":\"http://127.0.0.1:" + provider.port() + "/token\",\"client_id\":\"c-1\","
                + "\"client_secret\":\"s-1\",\"client_auth_method\":\"client_secret_post\"" + revocation + "}"))
                .get("auth_config_id").asText();
    }

    private String connection(String connectionId, String authConfigId) {
        return body(running.http.post(CREDENTIALS, ADMIN, "{\"connection_id\":\"" + connectionId + "\","
                + "\"app_name\":\"p\",\"auth_scheme\":\"OAUTH2\",\"auth_config_id\":\"" + authConfigId + "\","
                + "\"credentials\":{\"access_token\":\"at-" + connectionId + "\",\"refresh_token\":\"rt-"
                + connectionId + "\",\"expires_in\":3600}}")).get("credential_id").asText();
    }

    private String audit(String connectionId) {
        return running.http.get(AUDIT + connectionId, ADMIN).body();
    }

    @Test
    void deleteRevokesTheRefreshTokenBeforeErasingIt() {
        provider.stubFor(post(urlEqualTo("/revoke")).willReturn(aResponse().withStatus(200)));
        String id = connection("conn_revoked", authConfig(true));

        HttpResponse<String> deleted = running.http.delete(CREDENTIALS + "/" + id, ADMIN);

        assertThat(deleted.statusCode()).isEqualTo(204);
        provider.verify(1, postRequestedFor(urlEqualTo("/revoke"))
                .withRequestBody(containing("token=rt-conn_revoked"))
                .withRequestBody(containing("token_type_hint=refresh_token"))
                .withRequestBody(containing("client_id=c-1")));
        assertThat(running.http.get(Fixtures.BY_CONNECTION + "conn_revoked", ADMIN).statusCode()).isEqualTo(404);
        assertThat(audit("conn_revoked")).contains("\"credential.revoke\"").contains("\"revoked\"")
                .contains("\"credential.delete\"").doesNotContain("rt-conn_revoked");
    }

    @Test
    void aFailedRevocationIsAuditedAndTheDeleteStillHappens() {
        provider.stubFor(post(urlEqualTo("/revoke")).willReturn(aResponse().withStatus(503)));
        String id = connection("conn_unrevoked", authConfig(true));

        assertThat(running.http.delete(CREDENTIALS + "/" + id, ADMIN).statusCode()).isEqualTo(204);

        assertThat(running.http.get(Fixtures.BY_CONNECTION + "conn_unrevoked", ADMIN).statusCode()).isEqualTo(404);
        assertThat(audit("conn_unrevoked")).contains("\"not_revoked:http_503\"");
    }

    @Test
    void withoutARevocationEndpointNothingIsSent() {
        String id = connection("conn_plain", authConfig(false));

        assertThat(running.http.delete(CREDENTIALS + "/" + id, ADMIN).statusCode()).isEqualTo(204);

        provider.verify(0, anyRequestedFor(anyUrl()));
        assertThat(audit("conn_plain")).doesNotContain("credential.revoke");
    }
}
