package com.credbroker.broker.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.http.Json;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialViewsTest {
    static final Instant NOW = Instant.parse("2025-11-15T10:30:00Z");
    final CredentialViews views = new CredentialViews(new Json(), new SecureRandom());
    final ObjectMapper mapper = new ObjectMapper();

    private JsonNode render(Credential credential, boolean redacted, Instant at) throws Exception {
        return mapper.readTree(new String(views.render(credential, redacted, at), StandardCharsets.UTF_8));
    }

    private static Credential oauth2(Instant expiresAt, Map<String, Object> fields) {
        CredentialSecrets secrets = new CredentialSecrets(fields, "id-tok", null, "a@b.c", null, false, null, null, null,
                Map.of("Authorization", "Bearer xyz", "Accept", "json", "X-Tenant", "tenant-key-1"),
                Map.of("per_page", "100", "sig", "s1"), Map.of("plan", "pro", "nested", Map.of("k", "v")));
        return Credential.builder().credentialId("cred_abcdefghijklmnop1234").connectionId("conn_1")
                .status(CredentialStatus.ACTIVE).appName("github").authScheme(AuthScheme.OAUTH2).expiresAt(expiresAt)
                .createdAndUpdatedAt(NOW).version(1).secrets(secrets).build();
    }

    @Test
    void oauth2FieldsArePresentEvenWhenUnknown() throws Exception {
        JsonNode body = render(oauth2(null, Map.of("access_token", "tok")), false, NOW);

        assertThat(body.get("credentials").fieldNames()).toIterable()
                .containsExactly("access_token", "refresh_token", "token_type", "scope", "expires_in");
        assertThat(body.at("/credentials/expires_in").isNull()).isTrue();
        assertThat(body.get("query_params").isObject()).isTrue();
        assertThat(body.get("extra_data").isObject()).isTrue();
    }

    @Test
    void expiresInNeverGoesNegative() throws Exception {
        JsonNode body = render(oauth2(NOW.plusSeconds(10), Map.of("access_token", "tok")), false, NOW.plusSeconds(99));

        assertThat(body.at("/credentials/expires_in").asLong()).isZero();
    }

    @Test
    void providerExtrasAreKeptAfterTheStandardFields() throws Exception {
        JsonNode body = render(oauth2(NOW.plusSeconds(60), Map.of("access_token", "tok", "team_id", "T1")), false, NOW);

        assertThat(body.at("/credentials/team_id").asText()).isEqualTo("T1");
        assertThat(body.at("/credentials/expires_in").asLong()).isEqualTo(60);
    }

    @Test
    void redactedViewMasksEveryValueNotListedAsNonSecret() throws Exception {
        JsonNode body = render(oauth2(NOW.plusSeconds(60), Map.of("access_token", "tok", "team_id", "T1")), true, NOW);

        assertThat(body.at("/credentials/access_token").asText()).isEqualTo(Redaction.MASK);
        assertThat(body.at("/credentials/refresh_token").isNull()).isTrue();
        assertThat(body.at("/credentials/expires_in").asLong()).isEqualTo(60);
        assertThat(body.get("id_token").asText()).isEqualTo(Redaction.MASK);
        assertThat(body.at("/extra_headers/Authorization").asText()).isEqualTo(Redaction.MASK);
        assertThat(body.at("/extra_headers/Accept").asText()).isEqualTo("json");
        assertThat(body.at("/extra_headers/X-Tenant").asText()).isEqualTo(Redaction.MASK);
        assertThat(body.at("/query_params/per_page").asText()).isEqualTo("100");
        assertThat(body.at("/query_params/sig").asText()).isEqualTo(Redaction.MASK);
        assertThat(body.at("/extra_data/plan").asText()).isEqualTo(Redaction.MASK);
        assertThat(body.at("/extra_data/nested").asText()).isEqualTo(Redaction.MASK);
        assertThat(body.get("account_email").asText()).isEqualTo("a@b.c");
        assertThat(body.get("is_redacted").asBoolean()).isTrue();
    }

    @Test
    void aConnectionWhoseDataContainsTheWordExpiresInRendersCorrectly() throws Exception {
        JsonNode body = render(oauth2(NOW.plusSeconds(60), Map.of("access_token", "\"expires-in-\"")), false, NOW);

        assertThat(body.at("/credentials/access_token").asText()).isEqualTo("\"expires-in-\"");
        assertThat(body.at("/credentials/expires_in").asLong()).isEqualTo(60);
    }

    @Test
    void toStringsNeverShowSecrets() {
        Credential credential = oauth2(NOW, Map.of("access_token", "TOKEN-CANARY"));

        assertThat(credential.toString()).doesNotContain("TOKEN-CANARY");
        assertThat(credential.secrets().toString()).doesNotContain("TOKEN-CANARY");
        assertThat(views.ready(credential, false).toString()).doesNotContain("TOKEN-CANARY");
    }
}
