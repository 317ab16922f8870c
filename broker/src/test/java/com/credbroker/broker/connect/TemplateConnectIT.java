package com.credbroker.broker.connect;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.authconfig.AuthConfigService;
import com.credbroker.broker.credential.LookupCache;
import com.credbroker.config.ConnectConfig;
import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.ConnectionConfigs;
import com.credbroker.refresh.client.NimbusTokenClient;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.provider.ResolvedProvider.ApiAuth;
import com.credbroker.refresh.provider.ResolvedProvider.LifetimeUnit;
import com.credbroker.refresh.provider.ResolvedProvider.Pkce;
import com.credbroker.refresh.testing.TestProviders;
import com.credbroker.refresh.testing.TestSettings;
import com.credbroker.storage.audit.InMemoryAuditLog;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.credbroker.storage.authconfig.JdbcAuthConfigRepository;
import com.credbroker.storage.connect.JdbcConnectStore;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.TestCrypto;
import com.credbroker.storage.testing.TestDatabases;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connect flow's services on a template-backed auth config (a Slack-like provider built by hand): the
 * authorization URL and the code exchange read the resolved provider, and the callback keeps its connection data.
 */
class TemplateConnectIT {
    private static final Instant T0 = Instant.parse("2025-11-15T10:30:00Z");
    private static final String SLACK_ANSWER = "{\"ok\":true,\"access_token\":\"xoxb-bot-1\",\"token_type\":\"bot\","
            + "\"team\":{\"id\":\"T123\"},\"authed_user\":{\"id\":\"U1\",\"access_token\":\"xoxp-user-1\","
            + "\"token_type\":\"user\",\"refresh_token\":\"xoxe-1\",\"expires_in\":43200}}";

    @TempDir
    Path dataDir;
    private final WireMockServer provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private Database database;
    private JdbcCredentialRepository credentials;
    private ConnectService connect;
    private CallbackService callbacks;
    private String authConfigId;

    @BeforeEach
    void open() {
        provider.start();
        database = TestDatabases.h2File(dataDir);
        credentials = new JdbcCredentialRepository(database.dataSource(), TestCrypto.cryptographer());
        JdbcAuthConfigRepository authConfigs = new JdbcAuthConfigRepository(database.dataSource(),
                TestCrypto.cryptographer());
        AuthConfig config = authConfigs.create(new AuthConfig("ac_slacklike0123456789abcd", "slack-like",
                URI.create("http://127.0.0.1:" + provider.port() + "/token"), null, null, "client-1", "s3cret",
                ClientAuthMethod.CLIENT_SECRET_POST, List.of(), null, T0, T0, 0));
        authConfigId = config.authConfigId();
        ProviderResolver slack = TestProviders.always(slackLike(config));
        RefreshConfig refresh = TestSettings.defaults().allowInsecureTokenUrls(true).refresh();
        ConnectConfig connectConfig = TestSettings.defaults().connect();
        AuditService audit = new AuditService(new InMemoryAuditLog(), clock, Duration.ofSeconds(5));
        ConnectParts parts = new ConnectParts(new AuthConfigService(authConfigs, true, clock, new SecureRandom(),
                audit), credentials, new JdbcConnectStore(database.dataSource()), database.transactions(),
                new LookupCache(100, Duration.ofMinutes(1), Duration.ofSeconds(30), clock), refresh, connectConfig,
                () -> URI.create("http://localhost:8080"), clock);
        connect = new ConnectService(parts, new SecureRandom(), audit, slack);
        callbacks = new CallbackService(parts, new NimbusTokenClient(refresh, clock), audit, slack);
    }

    @AfterEach
    void close() {
        database.close();
        provider.stop();
    }

    private static ResolvedProvider slackLike(AuthConfig config) {
        return TestProviders.from(config, "slack-like")
                .authorization(URI.create("https://slack.example/oauth/v2/authorize"),
                        Map.of("user_scope", "search:read"), ",", List.of("chat:write", "channels:read"), Pkce.OFF)
                .tokenResponse(TestProviders.shape("authed_user.access_token", "authed_user.refresh_token",
                        "authed_user.expires_in", "authed_user.token_type", Map.of("bot", "Bearer", "user", "Bearer"),
                        LifetimeUnit.SECONDS, null), Map.of("team_id", "team.id"))
                .api("https://slack.example/api/{team_id}", "/auth.test", ApiAuth.BEARER, Map.of()).build();
    }

    @Test
    void theAuthorizationUrlAndTheExchangeFollowTheTemplateAndTheCallbackKeepsItsConnectionData() {
        provider.stubFor(post(urlEqualTo("/token")).willReturn(okJson(SLACK_ANSWER)));

        InitiateResponse started = connect.initiate(new InitiateRequest(authConfigId, "user_1",
                "https://app.example/done", null, null));
        Map<String, String> query = Browser.query(URI.create(started.redirectUrl()));
        CallbackResult result = callbacks.callback(query.get("state"), "code-1", null, null);

        assertThat(started.redirectUrl()).startsWith("https://slack.example/oauth/v2/authorize?");
        assertThat(query).containsEntry("scope", "chat:write,channels:read").containsEntry("user_scope", "search:read")
                .doesNotContainKey("code_challenge");
        assertThat(result).isNotInstanceOf(CallbackResult.Refused.class);
        Credential stored = credentials.findByCredentialId(started.credentialId()).orElseThrow();
        assertThat(stored.status()).as(stored.statusReason()).isEqualTo(CredentialStatus.ACTIVE);
        assertThat(stored.secrets().credentials()).containsEntry("access_token", "xoxp-user-1")
                .containsEntry("token_type", "Bearer").containsEntry("refresh_token", "xoxe-1");
        assertThat(stored.expiresAt()).isEqualTo(T0.plusSeconds(43200));
        assertThat(ConnectionConfigs.of(stored.secrets())).isEqualTo(Map.of("team_id", "T123"));
        // the template's API base URL, filled with the kept team id, and its health endpoint: what a lookup shows
        assertThat(stored.secrets().baseUrl()).isEqualTo("https://slack.example/api/T123");
        assertThat(stored.secrets().testRequestEndpoint()).isEqualTo("/auth.test");
        provider.verify(1, postRequestedFor(urlEqualTo("/token")));
        assertThat(provider.findAll(postRequestedFor(urlEqualTo("/token"))).get(0).getBodyAsString())
                .contains("code=code-1").doesNotContain("code_verifier");
    }
}
