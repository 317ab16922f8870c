package com.credbroker.storage.authconfig;

import static com.credbroker.storage.authconfig.AuthConfigBuilder.anAuthConfig;
import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.credential.Page;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PayloadMoves;
import com.credbroker.storage.testing.TestCrypto;
import com.credbroker.storage.crypto.TamperedRowException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link AuthConfigRepositoryContract}, plus the cases about sealed database rows: H2 and PostgreSQL. */
abstract class JdbcAuthConfigRepositoryContract extends AuthConfigRepositoryContract {
    private JdbcAuthConfigRepository jdbc() {
        return (JdbcAuthConfigRepository) repository;
    }

    private int movePayload(AuthConfig donor, AuthConfig victim) throws SQLException {
        return PayloadMoves.move(database.dataSource(), "auth_configs", "auth_config_id", donor.authConfigId(),
                victim.authConfigId());
    }

    @Test
    void aPublicClientWithoutEndpointsOrScopesRoundTripsAndIsStillSealed() throws Exception {
        AuthConfig created = repository.create(anAuthConfig().publicClient().authorizationEndpoint(null)
                .scopes(List.of()).build());

        AuthConfig read = repository.find(created.authConfigId()).orElseThrow();
        assertThat(read).isEqualTo(created);
        assertThat(read.clientSecret()).isNull();
        assertThat(read.authorizationEndpoint()).isNull();
        assertThat(read.scopes()).isEmpty();
        jdbc();
        assertThat(storedPayload(created.authConfigId())).hasSizeGreaterThan(17 + 16);
    }
    @Test
    void templateColumnsChangedInSqlAreRefused() throws Exception {
        AuthConfig config = repository.create(anAuthConfig().provider("zendesk",
                Map.of("token_url", "https://{subdomain}.zendesk.example/oauth/tokens"),
                Map.of("subdomain", "acme")).build());
        String id = config.authConfigId();
        Map<String, String> edits = Map.of(
                "provider", "'evil-provider'",
                "provider_overrides", "'{\"token_url\":\"https://evil.example/token\"}'",
                "connection_fields", "'{\"subdomain\":\"evil\"}'");
        for (Map.Entry<String, String> edit : edits.entrySet()) {
            sql("UPDATE auth_configs SET " + edit.getKey() + " = " + edit.getValue() + " WHERE auth_config_id = '"
                    + id + "'");
            assertThatThrownBy(() -> repository.find(id)).as(edit.getKey())
                    .isInstanceOf(TamperedRowException.class).hasMessageNotContaining("evil");
            repository.updateIfVersion(config);
            config = repository.find(id).orElseThrow();
        }
        sql("UPDATE auth_configs SET provider = NULL, provider_overrides = NULL, connection_fields = NULL"
                + " WHERE auth_config_id = '" + id + "'");
        assertThatThrownBy(() -> repository.find(id)).as("template removed")
                .isInstanceOf(TamperedRowException.class);
    }

    @Test
    void aPayloadSealedBeforeTemplateColumnsExistedStillOpens() throws Exception {
        AuthConfig config = repository.create(anAuthConfig().revocationEndpoint("https://github.com/revoke").build());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("app_name", config.appName());
        row.put("token_endpoint", config.tokenEndpoint().toString());
        row.put("authorization_endpoint", config.authorizationEndpoint().toString());
        row.put("revocation_endpoint", config.revocationEndpoint().toString());
        row.put("client_id", config.clientId());
        row.put("client_auth_method", config.clientAuthMethod().wire());
        row.put("scopes", String.join(" ", config.scopes()));
        byte[] legacy = cryptographer.seal(new ObjectMapper().writeValueAsBytes(
                Map.of("client_secret", config.clientSecret(), "row", row)), "auth_config:" + config.authConfigId());
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE auth_configs SET payload = ? WHERE auth_config_id = ?")) {
            update.setBytes(1, legacy);
            update.setString(2, config.authConfigId());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        assertThat(repository.find(config.authConfigId())).contains(config);
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement update = connection.createStatement()) {
            update.executeUpdate(statement);
        }
    }

    @Test
    void rewrapMovesOldTermsWithoutChangingVersionsOrBlocks() {
        JdbcAuthConfigRepository repository = jdbc();
        AuthConfig old = repository.create(anAuthConfig().build());
        repository.blockRefresh(old.authConfigId(), 1, "invalid_client");
        AuthConfig blocked = repository.find(old.authConfigId()).orElseThrow();
        cryptographer.install(cryptographer.keyring().withNewTerm(TestCrypto.randomKey()));
        AuthConfig fresh = repository.create(anAuthConfig().build());
        assertThat(repository.countBelowTerm(2)).isEqualTo(1);

        assertThat(repository.rewrapBatch(cryptographer, 10)).isEqualTo(1);

        assertThat(repository.countBelowTerm(2)).isZero();
        assertThat(repository.find(old.authConfigId())).contains(blocked);
        assertThat(repository.find(fresh.authConfigId())).contains(fresh);
        assertThat(repository.rewrapBatch(cryptographer, 10)).isZero();
        assertThat(repository.name()).isEqualTo("auth_configs");
    }
    @Test
    void openFailsWhenPayloadMovedToAnotherRowAndOtherRowsStillRead() throws Exception {
        jdbc();
        AuthConfig victim = repository.create(anAuthConfig().build());
        AuthConfig donor = repository.create(anAuthConfig().build());
        assertThat(movePayload(donor, victim)).isEqualTo(1);

        assertThatThrownBy(() -> repository.find(victim.authConfigId())).isInstanceOf(DecryptionException.class);
        assertThat(repository.find(donor.authConfigId())).contains(donor);
    }
    @Test
    void rewrapSkipsAPayloadThatDoesNotOpenAndMovesTheRest() throws Exception {
        JdbcAuthConfigRepository repository = jdbc();
        AuthConfig victim = repository.create(anAuthConfig().build());
        AuthConfig donor = repository.create(anAuthConfig().build());
        movePayload(donor, victim);
        cryptographer.install(cryptographer.keyring().withNewTerm(TestCrypto.randomKey()));

        assertThat(repository.rewrapBatch(cryptographer, 10)).isEqualTo(1);

        assertThat(repository.countBelowTerm(2)).isEqualTo(1);
        assertThat(repository.find(donor.authConfigId())).contains(donor);
    }
}
