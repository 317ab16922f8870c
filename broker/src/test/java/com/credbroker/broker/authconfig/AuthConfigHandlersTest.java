package com.credbroker.broker.authconfig;

import static com.credbroker.broker.authconfig.AuthConfigBodies.AUTH_CONFIGS;
import static com.credbroker.broker.authconfig.AuthConfigBodies.json;
import static com.credbroker.broker.authconfig.AuthConfigBodies.valid;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static com.credbroker.broker.testing.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.OnFakeBroker;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The auth config routes on {@code BrokerApp} over in-memory storage. */
class AuthConfigHandlersTest extends OnFakeBroker {
    @Test
    void createAnswers201WithoutTheSecretAndGetReadsItBack() {
        HttpResponse<String> created = broker.http.post(AUTH_CONFIGS, admin, json(valid()));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("gh-client-secret-0123456789");
        String id = body(created).get("auth_config_id").asText();

        HttpResponse<String> read = broker.http.get(AUTH_CONFIGS + "/" + id, admin);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read).get("client_id").asText()).isEqualTo("Iv1.0123456789abcdef");
        assertThat(broker.authConfigs.find(id).orElseThrow().clientSecret()).isEqualTo("gh-client-secret-0123456789");
    }

    @Test
    void aConfigInUseIsNotDeletedAndAFreeOneIs() {
        String id = body(broker.http.post(AUTH_CONFIGS, admin, json(valid()))).get("auth_config_id").asText();
        String credential = body(broker.http.post(CREDENTIALS, admin, Fixtures.oauth2("conn_ac_h", "tok", 3600)
                .replace("\"entity_id\"", "\"auth_config_id\":\"" + id + "\",\"entity_id\""))).get("credential_id")
                .asText();

        HttpResponse<String> refused = broker.http.delete(AUTH_CONFIGS + "/" + id, admin);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(body(refused).at("/error/code").asText()).isEqualTo("auth_config_in_use");

        assertThat(broker.http.delete(CREDENTIALS + "/" + credential, admin).statusCode()).isEqualTo(204);
        assertThat(broker.http.delete(AUTH_CONFIGS + "/" + id, admin).statusCode()).isEqualTo(204);
        assertThat(broker.http.get(AUTH_CONFIGS + "/" + id, admin).statusCode()).isEqualTo(404);
    }

    @Test
    void anInvalidBodyIsRefusedAndABadCursorIs400() {
        assertThat(broker.http.post(AUTH_CONFIGS, admin, AuthConfigBodies.without("token_endpoint")).statusCode())
                .isEqualTo(422);
        assertThat(broker.http.get(AUTH_CONFIGS + "?cursor=***", admin).statusCode()).isEqualTo(400);
    }
}
