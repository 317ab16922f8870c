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
import com.credbroker.storage.testing.DatabaseContract;
import com.credbroker.storage.testing.TestCrypto;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviours every {@link AuthConfigRepository} store must have. Subclasses supply the database, or (the
 * in-memory fake) none and their own repositories; the cases that reach into sealed rows need a database.
 */
abstract class AuthConfigRepositoryContract extends DatabaseContract {
    static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");
    static final Instant LATER = Instant.parse("2025-11-16T08:00:00.123456789Z");

    protected Cryptographer cryptographer;
    protected AuthConfigRepository repository;
    /** The connections the config store sees (a config in use cannot be deleted). */
    protected CredentialRepository credentials;

    /** Called after {@link #openDatabase()}: sets {@link #repository} and {@link #credentials}. */
    protected void openRepositories() {
        repository = new JdbcAuthConfigRepository(database.dataSource(), cryptographer);
        credentials = new JdbcCredentialRepository(database.dataSource(), cryptographer);
    }

    @BeforeEach
    void open() throws Exception {
        cryptographer = TestCrypto.cryptographer();
        openRepositories();
    }

    @Test
    void createStoresVersionOneAndFindRoundTripsEveryField() {
        AuthConfig created = repository.create(anAuthConfig().revocationEndpoint("https://github.com/revoke")
                .scopes(List.of("repo", "read:user", "openid")).build());

        assertThat(created.version()).isEqualTo(1);
        assertThat(repository.find(created.authConfigId())).contains(created);
        assertThat(created.clientSecret()).startsWith("client-secret-");
        assertThat(created.scopes()).containsExactly("repo", "read:user", "openid");
        assertThat(created.refreshBlocked()).isFalse();
    }


    @Test
    void aTemplateBindingWithNestedOverridesAndFixedFieldsRoundTrips() {
        Map<String, Object> overrides = Map.of(
                "token_url", "https://{subdomain}.zendesk.example/oauth/tokens",
                "authorization_params", Map.of("prompt", "consent", "access_type", "offline"),
                "token_response", Map.of("access_token", "authed_user.access_token",
                        "token_types", Map.of("bot", "Bearer"), "default_lifetime_seconds", 7200),
                "default_scopes", List.of("read", "write"),
                "refresh_token_rotation", true);
        AuthConfig created = repository.create(anAuthConfig()
                .provider("zendesk", overrides, Map.of("subdomain", "acme")).scopes(List.of()).build());

        AuthConfig read = repository.find(created.authConfigId()).orElseThrow();

        assertThat(read).isEqualTo(created);
        assertThat(read.provider()).isEqualTo("zendesk");
        assertThat(read.tokenEndpoint()).isNull();
        assertThat(read.template().overrides()).isEqualTo(overrides);
        assertThat(read.template().connectionFields()).containsExactly(Map.entry("subdomain", "acme"));
        assertThat(read.clientSecret()).isEqualTo(created.clientSecret());
        assertThat(repository.list(10, null).items()).contains(created);
    }

    @Test
    void aTemplateWithoutOverridesOrFieldsRoundTripsWithEmptyMaps() {
        AuthConfig created = repository.create(anAuthConfig().provider("github", null, null).build());

        AuthConfig read = repository.find(created.authConfigId()).orElseThrow();

        assertThat(read).isEqualTo(created);
        assertThat(read.template().overrides()).isEmpty();
        assertThat(read.template().connectionFields()).isEmpty();
    }

    @Test
    void aConfigWithoutTemplateKeepsItsOwnEndpointsAndNoBinding() {
        AuthConfig created = repository.create(anAuthConfig().build());

        AuthConfig read = repository.find(created.authConfigId()).orElseThrow();

        assertThat(read.template()).isNull();
        assertThat(read.provider()).isNull();
        assertThat(read.tokenEndpoint()).hasToString("https://github.com/login/oauth/access_token");
        assertThat(read.authorizationEndpoint()).hasToString("https://github.com/login/oauth/authorize");
    }

    @Test
    void anUpdateSetsChangesAndDropsTheTemplate() {
        AuthConfig plain = repository.create(anAuthConfig().build());

        AuthConfig templated = repository.updateIfVersion(AuthConfigBuilder.from(plain)
                .provider("zendesk", Map.of("scope_separator", ","), Map.of("subdomain", "acme")).build())
                .orElseThrow();
        assertThat(repository.find(plain.authConfigId())).contains(templated);
        assertThat(templated.tokenEndpoint()).isNull();

        AuthConfig changed = repository.updateIfVersion(AuthConfigBuilder.from(templated)
                .provider("zendesk", Map.of(), Map.of("subdomain", "globex")).build()).orElseThrow();
        assertThat(repository.find(plain.authConfigId()).orElseThrow().template())
                .isEqualTo(new TemplateBinding("zendesk", Map.of(), Map.of("subdomain", "globex")));

        AuthConfig back = repository.updateIfVersion(AuthConfigBuilder.from(changed).template(null)
                .tokenEndpoint("https://github.com/login/oauth/access_token").build()).orElseThrow();
        assertThat(repository.find(plain.authConfigId())).contains(back);
        assertThat(back.template()).isNull();
        assertThat(back.version()).isEqualTo(4);
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        assertThat(repository.find("ac_unknown")).isEmpty();
    }

    @Test
    void scopesWithWhitespaceAreRefused() {
        assertThatThrownBy(() -> repository.create(anAuthConfig().scopes(List.of("repo user")).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.create(anAuthConfig().scopes(List.of("")).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listPagesNewestFirstWithoutDuplicatesOrGaps() {
        List<AuthConfig> all = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            all.add(repository.create(anAuthConfig().createdAt(T0.plusSeconds(i % 4)).build()));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<AuthConfig> page = repository.list(4, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(4);
            page.items().forEach(item -> seen.add(item.authConfigId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        // newest first; rows created in the same instant by ID, descending
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(all.stream()
                .sorted(Comparator.comparing(AuthConfig::createdAt).thenComparing(AuthConfig::authConfigId).reversed())
                .map(AuthConfig::authConfigId).toList());
        assertThat(repository.list(11, null).nextCursor()).isNull();
        assertThat(repository.list(100, null).items().get(0).clientSecret()).startsWith("client-secret-");
    }

    @Test
    void listRejectsAMalformedCursorAndANonPositiveLimit() {
        assertThatThrownBy(() -> repository.list(10, "***"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid cursor");
        assertThatThrownBy(() -> repository.list(0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updateIfVersionReplacesTheContentKeepsCreatedAtAndRefusesAStaleVersion() {
        AuthConfig stored = repository.create(anAuthConfig().build());
        AuthConfig changed = AuthConfigBuilder.from(stored).clientSecret("rotated-secret").appName("github-app")
                .tokenEndpoint("https://github.com/token2").revocationEndpoint("https://github.com/revoke")
                .clientAuthMethod(ClientAuthMethod.CLIENT_SECRET_POST).scopes(List.of("gist"))
                .createdAt(LATER).updatedAt(LATER).build();

        AuthConfig updated = repository.updateIfVersion(changed).orElseThrow();

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.createdAt()).isEqualTo(stored.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(LATER.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(repository.find(stored.authConfigId())).contains(updated);
        assertThat(updated.clientSecret()).isEqualTo("rotated-secret");
        assertThat(repository.updateIfVersion(changed)).isEmpty();
        assertThat(repository.find(stored.authConfigId())).contains(updated);
    }

    @Test
    void updateIfVersionOfAnUnknownConfigIsEmpty() {
        assertThat(repository.updateIfVersion(anAuthConfig().version(1).build())).isEmpty();
    }

    @Test
    void blockRefreshHoldsOnlyAtTheCurrentVersionAndAnUpdateClearsIt() {
        AuthConfig stored = repository.create(anAuthConfig().build());

        assertThat(repository.blockRefresh(stored.authConfigId(), stored.version() + 1, "invalid_client")).isFalse();
        assertThat(repository.find(stored.authConfigId()).orElseThrow().refreshBlocked()).isFalse();
        assertThat(repository.blockRefresh(stored.authConfigId(), stored.version(), "invalid_client")).isTrue();

        AuthConfig blocked = repository.find(stored.authConfigId()).orElseThrow();
        assertThat(blocked.refreshBlockedReason()).isEqualTo("invalid_client");
        assertThat(blocked.version()).isEqualTo(stored.version());

        AuthConfig fixed = repository.updateIfVersion(AuthConfigBuilder.from(blocked).clientSecret("new").build())
                .orElseThrow();
        assertThat(fixed.refreshBlocked()).isFalse();
        assertThat(repository.find(stored.authConfigId()).orElseThrow().refreshBlockedReason()).isNull();
        assertThat(repository.blockRefresh(stored.authConfigId(), stored.version(), "stale failure")).isFalse();
        assertThat(repository.find(stored.authConfigId()).orElseThrow().refreshBlocked()).isFalse();
    }

    @Test
    void blockRefreshCutsALongReasonAndNamesAMissingOne() {
        AuthConfig stored = repository.create(anAuthConfig().build());

        assertThat(repository.blockRefresh(stored.authConfigId(), 1, "x".repeat(5000))).isTrue();
        assertThat(repository.find(stored.authConfigId()).orElseThrow().refreshBlockedReason())
                .hasSize(JdbcAuthConfigRepository.MAX_BLOCKED_REASON);

        assertThat(repository.blockRefresh(stored.authConfigId(), 1, " ")).isTrue();
        assertThat(repository.find(stored.authConfigId()).orElseThrow().refreshBlockedReason())
                .isEqualTo(JdbcAuthConfigRepository.DEFAULT_BLOCKED_REASON);
        assertThat(repository.blockRefresh(stored.authConfigId(), 1, null)).isTrue();
        assertThat(repository.find(stored.authConfigId()).orElseThrow().refreshBlocked()).isTrue();
        assertThat(repository.blockRefresh("ac_unknown", 1, "invalid_client")).isFalse();
    }

    @Test
    void deleteIsRefusedWhileConnectionsReferToTheConfig() {
        AuthConfig stored = repository.create(anAuthConfig().build());
        String first = credentials.upsert(aCredential().authConfigId(stored.authConfigId()).build())
                .credential().credentialId();
        String second = credentials.upsert(aCredential().authConfigId(stored.authConfigId()).build())
                .credential().credentialId();

        assertThatThrownBy(() -> repository.delete(stored.authConfigId()))
                .isInstanceOfSatisfying(AuthConfigInUseException.class, e -> assertThat(e.connections()).isEqualTo(2));
        assertThat(repository.find(stored.authConfigId())).contains(stored);

        credentials.delete(first);
        credentials.delete(second);
        assertThat(repository.delete(stored.authConfigId())).isTrue();
        assertThat(repository.find(stored.authConfigId())).isEmpty();
    }

    @Test
    void deleteOfAMissingConfigIsFalse() {
        AuthConfig stored = repository.create(anAuthConfig().build());
        assertThat(repository.delete(stored.authConfigId())).isTrue();
        assertThat(repository.delete(stored.authConfigId())).isFalse();
        assertThat(repository.delete("ac_never")).isFalse();
    }




    byte[] storedPayload(String authConfigId) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT payload FROM auth_configs WHERE auth_config_id = ?")) {
            select.setString(1, authConfigId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getBytes(1);
            }
        }
    }
}
