package com.credbroker.storage.integrity;

import static com.credbroker.storage.authconfig.AuthConfigBuilder.anAuthConfig;
import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.apikey.ApiKey;
import com.credbroker.storage.apikey.JdbcApiKeyRepository;
import com.credbroker.storage.apikey.KeyKind;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.JdbcAuthConfigRepository;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.crypto.RowAdoption;
import com.credbroker.storage.crypto.TamperedRowException;
import com.credbroker.storage.testing.DatabaseContract;
import com.credbroker.storage.testing.TestCrypto;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database is untrusted storage: the columns that decide who may read a secret or where it is sent
 * (API key hash, kind, scopes, revocation; auth config endpoints and client; a connection's auth config,
 * connection ID, entity) are authenticated under the keyring. A row changed or inserted around the broker
 * is refused and counted; rows written by the broker stay valid across key rotation and rewrap; rows that
 * predate row authentication are adopted once, at the upgrade, and never again. Subclasses supply the
 * database.
 */
abstract class RowAuthenticationContract extends DatabaseContract {
    private static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");

    private Cryptographer cryptographer;
    private JdbcApiKeyRepository apiKeys;
    private JdbcAuthConfigRepository authConfigs;
    private JdbcCredentialRepository credentials;

    @BeforeEach
    void open() throws Exception {
        cryptographer = TestCrypto.cryptographer();
        apiKeys = new JdbcApiKeyRepository(database.dataSource(), cryptographer);
        authConfigs = new JdbcAuthConfigRepository(database.dataSource(), cryptographer);
        credentials = new JdbcCredentialRepository(database.dataSource(), cryptographer);
    }

    @Test
    void apiKeyWhoseScopesWereWidenedInSqlNoLongerAuthenticatesAndIsCounted() throws Exception {
        apiKeys.insert(key("key_reader", "reader-secret", Set.of("credentials:read_metadata")));
        assertThat(apiKeys.findBySecretHash(sha256("reader-secret"))).isPresent();

        sql("UPDATE api_keys SET scopes = 'admin credentials:read' WHERE id = 'key_reader'");

        assertThat(apiKeys.findBySecretHash(sha256("reader-secret"))).isEmpty();
        assertThat(apiKeys.findById("key_reader")).isEmpty();
        assertThat(apiKeys.list()).isEmpty();
        assertThat(cryptographer.tamperedRows().count("api_keys")).isEqualTo(3);
    }

    @Test
    void apiKeyRowsInsertedInSqlAreRefusedWithoutASealOrWithAnotherRowsSeal() throws Exception {
        apiKeys.insert(key("key_real", "real-secret", Set.of("credentials:read_metadata")));
        plantKey("key_planted", "planted-secret", "admin", null);
        plantKey("key_copied", "copied-secret", "credentials:read_metadata", sealOf("key_real"));

        assertThat(apiKeys.findBySecretHash(sha256("planted-secret"))).isEmpty();
        assertThat(apiKeys.findBySecretHash(sha256("copied-secret"))).isEmpty();
        assertThat(apiKeys.findBySecretHash(sha256("real-secret"))).isPresent();
        assertThat(cryptographer.tamperedRows().count("api_keys")).isEqualTo(2);
    }

    @Test
    void aRevokedKeyUnrevokedInSqlStaysRefusedAndRevokingATamperedKeyNeverGrants() throws Exception {
        apiKeys.insert(key("key_gone", "gone-secret", Set.of("admin")));
        apiKeys.revoke("key_gone", T0.plusSeconds(60));
        sql("UPDATE api_keys SET revoked_at = NULL WHERE id = 'key_gone'");
        assertThat(apiKeys.findBySecretHash(sha256("gone-secret"))).isEmpty();

        apiKeys.insert(key("key_bent", "bent-secret", Set.of()));
        sql("UPDATE api_keys SET scopes = 'admin' WHERE id = 'key_bent'");
        assertThat(apiKeys.revoke("key_bent", T0.plusSeconds(60))).isTrue();
        assertThat(apiKeys.findById("key_bent")).hasValueSatisfying(k -> assertThat(k.revoked()).isTrue());
    }

    @Test
    void authConfigWhoseEndpointsOrClientWereChangedInSqlIsRefused() throws Exception {
        AuthConfig config = authConfigs.create(anAuthConfig().build());
        String id = config.authConfigId();
        Map<String, String> edits = Map.of(
                "token_endpoint", "'http://127.0.0.1:1/evil'",
                "authorization_endpoint", "'http://127.0.0.1:1/evil-authorize'",
                "revocation_endpoint", "'http://127.0.0.1:1/evil-revoke'",
                "client_id", "'attacker-client'",
                "client_auth_method", "'client_secret_post'",
                "app_name", "'other-app'");
        for (Map.Entry<String, String> edit : edits.entrySet()) {
            sql("UPDATE auth_configs SET " + edit.getKey() + " = " + edit.getValue() + " WHERE auth_config_id = '"
                    + id + "'");
            assertThatThrownBy(() -> authConfigs.find(id)).as(edit.getKey())
                    .isInstanceOf(TamperedRowException.class).hasMessageNotContaining("evil");
            authConfigs.updateIfVersion(config);
            config = authConfigs.find(id).orElseThrow();
        }
        assertThat(cryptographer.tamperedRows().count("auth_configs")).isEqualTo(edits.size());
    }

    @Test
    void connectionMovedToAnotherAuthConfigConnectionOrEntityInSqlIsRefused() throws Exception {
        Credential stored = credentials.upsert(aCredential().connectionId("conn_victim").authConfigId("ac_good")
                .build()).credential();
        credentials.upsert(aCredential().connectionId("conn_other").build());
        String id = stored.credentialId();

        sql("UPDATE credentials SET auth_config_id = 'ac_evil' WHERE credential_id = '" + id + "'");
        assertThatThrownBy(() -> credentials.findByCredentialId(id)).isInstanceOf(TamperedRowException.class);
        sql("UPDATE credentials SET auth_config_id = 'ac_good', entity_id = 'someone-else' WHERE credential_id = '"
                + id + "'");
        assertThatThrownBy(() -> credentials.findByConnectionId("conn_victim"))
                .isInstanceOf(TamperedRowException.class);
        sql("UPDATE credentials SET entity_id = 'user-1', connection_id = 'conn_renamed' WHERE credential_id = '"
                + id + "'");
        assertThatThrownBy(() -> credentials.findByConnectionId("conn_renamed"))
                .isInstanceOf(TamperedRowException.class);
        sql("UPDATE credentials SET connection_id = 'conn_victim' WHERE credential_id = '" + id + "'");

        assertThat(credentials.findByConnectionId("conn_victim")).contains(stored);
        assertThat(credentials.findByConnectionId("conn_other")).isPresent();
        assertThat(cryptographer.tamperedRows().count("credentials")).isEqualTo(3);
    }

    @Test
    void rowsWrittenByTheBrokerStayValidAcrossKeyRotationAndRewrap() throws Exception {
        apiKeys.insert(key("key_old", "old-secret", Set.of("admin")));
        AuthConfig config = authConfigs.create(anAuthConfig().build());
        Credential credential = credentials.upsert(aCredential().authConfigId(config.authConfigId()).build())
                .credential();

        cryptographer.install(cryptographer.keyring().withNewTerm(TestCrypto.randomKey()));
        assertThat(authConfigs.rewrapBatch(cryptographer, 100) + credentials.rewrapBatch(cryptographer, 100))
                .isEqualTo(2);
        apiKeys.insert(key("key_new", "new-secret", Set.of("admin")));
        apiKeys.revoke("key_new", T0.plusSeconds(1));

        assertThat(apiKeys.findBySecretHash(sha256("old-secret"))).isPresent();
        assertThat(apiKeys.findById("key_new")).hasValueSatisfying(k -> assertThat(k.revoked()).isTrue());
        assertThat(authConfigs.find(config.authConfigId())).contains(config);
        assertThat(credentials.findByCredentialId(credential.credentialId())).contains(credential);
        assertThat(cryptographer.tamperedRows().count("credentials") + cryptographer.tamperedRows().count("api_keys")
                + cryptographer.tamperedRows().count("auth_configs")).isZero();
    }

    @Test
    void rowsPresentAtTheUpgradeAreAdoptedOnceAndAnUnsealedRowAfterThatIsRefused() throws Exception {
        assertThat(adoption().pending()).as("a fresh database has nothing to adopt").isFalse();
        apiKeys.insert(key("key_legacy", "legacy-secret", Set.of("admin")));
        sql("UPDATE api_keys SET row_seal = NULL WHERE id = 'key_legacy'");
        AuthConfig config = authConfigs.create(anAuthConfig().build());
        writeLegacyPayload("auth_configs", "auth_config_id", config.authConfigId(), "auth_config:",
                Map.of("client_secret", config.clientSecret()));
        Credential credential = credentials.upsert(aCredential().build()).credential();
        writeLegacyPayload("credentials", "credential_id", credential.credentialId(), "connection:",
                credential.secrets());
        assertThat(apiKeys.findBySecretHash(sha256("legacy-secret"))).isEmpty();
        assertThatThrownBy(() -> credentials.findByCredentialId(credential.credentialId()))
                .isInstanceOf(TamperedRowException.class);
        sql("UPDATE row_authentication SET adoption_pending = TRUE");

        assertThat(adoption().adoptIfPending()).isEqualTo(3);

        assertThat(apiKeys.findBySecretHash(sha256("legacy-secret"))).isPresent();
        assertThat(authConfigs.find(config.authConfigId())).contains(config);
        assertThat(credentials.findByCredentialId(credential.credentialId())).contains(credential);
        plantKey("key_late", "late-secret", "admin", null);
        assertThat(adoption().adoptIfPending()).isZero();
        assertThat(apiKeys.findBySecretHash(sha256("late-secret"))).isEmpty();
    }

    private RowAdoption adoption() {
        Map<String, IntSupplier> adopters = Map.of("api_keys", apiKeys::adoptUnsealedRows,
                "auth_configs", authConfigs::adoptUnboundRows, "credentials", credentials::adoptUnboundRows);
        return new RowAdoption(database.dataSource(), adopters);
    }

    /** A payload as the broker sealed it before row authentication: the same JSON, no binding. */
    private void writeLegacyPayload(String table, String idColumn, String id, String aadPrefix, Object document)
            throws Exception {
        byte[] payload = cryptographer.seal(new ObjectMapper().writeValueAsBytes(document), aadPrefix + id);
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE " + table + " SET payload = ? WHERE " + idColumn + " = ?")) {
            update.setBytes(1, payload);
            update.setString(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static ApiKey key(String id, String secret, Set<String> scopes) {
        try {
            return new ApiKey(id, KeyKind.API, id, scopes, sha256(secret), T0, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(statement)) {
            update.executeUpdate();
        }
    }

    private static byte[] sha256(String secret) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** An API key row written straight into the table, as someone with database access would. */
    private void plantKey(String id, String secret, String scopes, byte[] seal) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO api_keys (id, kind, name, scopes,"
                     + " secret_hash, created_at, row_seal) VALUES (?, 'api', ?, ?, ?, CURRENT_TIMESTAMP, ?)")) {
            insert.setString(1, id);
            insert.setString(2, id);
            insert.setString(3, scopes);
            insert.setBytes(4, sha256(secret));
            insert.setBytes(5, seal);
            insert.executeUpdate();
        }
    }

    private byte[] sealOf(String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT row_seal FROM api_keys WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }
}
