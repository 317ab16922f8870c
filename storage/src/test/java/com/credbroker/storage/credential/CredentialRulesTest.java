package com.credbroker.storage.credential;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialRulesTest {

    private static Credential with(AuthScheme scheme, CredentialStatus status, Map<String, Object> fields) {
        return aCredential().build().toBuilder().authScheme(scheme).status(status)
                .secrets(new CredentialSecrets(fields, null, null, null, null, false, null, null, null, null, null,
                        null))
                .unchecked();
    }

    private static void refused(Credential c, String message) {
        assertThatThrownBy(() -> CredentialRules.check(c)).isInstanceOf(InvalidCredentialException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> c.toBuilder().build()).isInstanceOf(InvalidCredentialException.class)
                .hasMessage(message);
    }

    @Test
    void onlyOauth2CanBeInitiated() {
        refused(with(AuthScheme.BASIC, CredentialStatus.INITIATED, Map.of()), "only an OAUTH2 connection can be INITIATED");
        assertThat(CredentialRules.check(with(AuthScheme.OAUTH2, CredentialStatus.INITIATED, Map.of()))).isNotNull();
    }

    @Test
    void anActiveRecordCarriesItsSchemesFieldsAsNonEmptyStrings() {
        refused(with(AuthScheme.OAUTH2, CredentialStatus.ACTIVE, Map.of("access_token", " ")),
                "an ACTIVE OAUTH2 connection needs credentials.access_token");
        refused(with(AuthScheme.BASIC, CredentialStatus.ACTIVE, Map.of("username", "u")),
                "an ACTIVE BASIC connection needs credentials.password");
        refused(with(AuthScheme.API_KEY, CredentialStatus.ACTIVE, Map.of("api_key", 42)),
                "an ACTIVE API_KEY connection needs credentials.api_key");
        assertThat(CredentialRules.check(with(AuthScheme.OAUTH2, CredentialStatus.EXPIRED, Map.of()))).isNotNull();
        assertThat(CredentialRules.check(with(AuthScheme.NO_AUTH, CredentialStatus.ACTIVE, Map.of()))).isNotNull();
    }

    @Test
    void anApiKeysHeaderAndQueryParameterAreNamesThatExcludeEachOther() {
        Map<String, Object> fields = new HashMap<>(Map.of("api_key", "k", "header_name", "X Bad"));
        refused(with(AuthScheme.API_KEY, CredentialStatus.ACTIVE, fields),
                "credentials.header_name must be 1-64 characters of A-Z a-z 0-9 - _ .");
        fields.put("header_name", "X-Key");
        fields.put("query_param_name", "key");
        refused(with(AuthScheme.API_KEY, CredentialStatus.ACTIVE, fields),
                "credentials.header_name and credentials.query_param_name exclude each other");
        fields.remove("header_name");
        assertThat(CredentialRules.check(with(AuthScheme.API_KEY, CredentialStatus.ACTIVE, fields))).isNotNull();
    }

    @Test
    void aBasicUsernameHasNoColonAndNoMessageCarriesAValue() {
        refused(with(AuthScheme.BASIC, CredentialStatus.ACTIVE, Map.of("username", "us:SECRET", "password", "p")),
                "credentials.username must not contain ':' (RFC 7617)");
    }

    @Test
    void theWithersAndToBuilderKeepEveryOtherField() {
        Credential c = aCredential().build();
        Credential disabled = c.withDisabled(true, c.updatedAt().plusSeconds(5));

        assertThat(disabled.toBuilder().disabled(false).updatedAt(c.updatedAt()).build()).isEqualTo(c);
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.withSecrets(c.secrets())).isEqualTo(c);
    }
}
