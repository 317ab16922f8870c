package com.credbroker.broker.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.http.Json;
import com.credbroker.storage.credential.Credential;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialRequestsTest {
    static final Instant NOW = Instant.parse("2025-11-15T10:30:00Z");
    static final String ID = "cred_abcdefghijklmnop1234";
    final Json json = new Json();

    private CredentialRequest request(String body) {
        return json.read(json.readTree(body.getBytes()), CredentialRequest.class);
    }

    private static String body(String expiresIn) {
        return "{\"connection_id\":\"conn_1\",\"app_name\":\"github\",\"auth_scheme\":\"oauth2\","
                + "\"credentials\":{\"access_token\":\"SECRET-CANARY\",\"expires_in\":" + expiresIn + "}}";
    }

    @Test
    void expiresInSetsExpiryAndIsNotStored() {
        Credential c = CredentialRequests.toNew(request(body("3600")), ID, NOW);

        assertThat(c.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(c.secrets().credentials()).doesNotContainKey("expires_in");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "-5", "1000000000000", "true"})
    void absurdExpiresInIsRefusedWithoutEchoingSecrets(String expiresIn) {
        assertThatThrownBy(() -> CredentialRequests.toNew(request(body(expiresIn)), ID, NOW))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("expires_in")
                .hasMessageNotContaining("SECRET-CANARY");
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThatThrownBy(() -> CredentialRequests.toNew(request("{\"app_name\":\"x\",\"auth_scheme\":\"OAUTH2\"}"),
                ID, NOW)).hasMessageContaining("connection_id");
        assertThatThrownBy(() -> CredentialRequests.toNew(request("{\"connection_id\":\"c\",\"auth_scheme\":\"OAUTH2\"}"),
                ID, NOW)).hasMessageContaining("app_name");
    }

    @Test
    void activeOauth2NeedsAnAccessToken() {
        String body = "{\"connection_id\":\"c\",\"app_name\":\"x\",\"auth_scheme\":\"OAUTH2\",\"credentials\":{}}";
        assertThatThrownBy(() -> CredentialRequests.toNew(request(body), ID, NOW)).hasMessageContaining("access_token");
    }

    @Test
    void initiatedOauth2NeedsNoToken() {
        String body = "{\"connection_id\":\"c\",\"app_name\":\"x\",\"auth_scheme\":\"OAUTH2\",\"status\":\"INITIATED\"}";
        assertThat(CredentialRequests.toNew(request(body), ID, NOW).status().name()).isEqualTo("INITIATED");
    }

    @Test
    void unknownEnumValuesAreRefused() {
        assertThatThrownBy(() -> CredentialRequests.toNew(request(body("1").replace("oauth2", "SAML")), ID, NOW))
                .hasMessageContaining("auth_scheme");
    }

    @Test
    void patchCannotChangeTheConnectionId() {
        Credential c = CredentialRequests.toNew(request(body("60")), ID, NOW);
        assertThatThrownBy(() -> CredentialRequests.applyPatch(c, request("{\"connection_id\":\"other\"}"),
                Set.of("connection_id"), NOW)).hasMessageContaining("connection_id");
    }

    @Test
    void patchRemovesACredentialFieldSetToNull() {
        Credential c = CredentialRequests.toNew(request(body("60").replace("}}", ",\"team\":\"T\"}}")), ID, NOW);

        Credential patched = CredentialRequests.applyPatch(c, request("{\"credentials\":{\"team\":null}}"),
                Set.of("credentials"), NOW);

        assertThat(patched.secrets().credentials()).containsOnlyKeys("access_token");
        assertThat(patched.expiresAt()).isEqualTo(c.expiresAt());
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        assertThatThrownBy(() -> request("{\"connection_id\":\"c\",\"surprise\":1}"))
                .hasMessageContaining("surprise");
    }
}
