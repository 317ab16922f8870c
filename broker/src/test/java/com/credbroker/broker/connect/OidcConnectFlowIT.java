package com.credbroker.broker.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.authconfig.AuthConfigService;
import com.credbroker.broker.credential.LookupCache;
import com.credbroker.broker.http.Ids;
import com.credbroker.config.BrokerConfig;
import com.credbroker.config.ConfigTable;
import com.credbroker.config.EgressAllowList;
import com.credbroker.refresh.client.NimbusTokenClient;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.audit.InMemoryAuditLog;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.credbroker.storage.authconfig.JdbcAuthConfigRepository;
import com.credbroker.storage.connect.JdbcConnectStore;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.MutableClock;
import com.credbroker.storage.testing.TestCrypto;
import com.credbroker.storage.testing.TestDatabases;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenID Connect in the connect flow against an independent provider: mock-oauth2-server on a random port
 * (discovery document, JWKS, ID tokens signed with its own key, the nonce of the authorization request
 * echoed), real storage on H2, the broker's token client. The auth config gives the issuer (as a template
 * would); the ID token's {@code sub} becomes the connection's {@code account_id}, and an ID token or a
 * callback {@code iss} that does not hold leaves the connection EXPIRED with no tokens. (This provider always
 * addresses its ID tokens to the client that asked and signs them properly: forged and wrong-audience tokens
 * are in {@code refresh.oidc.OidcWireMockIT}, which signs with its own key.)
 */
class OidcConnectFlowIT {
    private static final String ISSUER_ID = "tenant";
    private static final String CLIENT_ID = "client-oidc";
    private static final String APP_CALLBACK = "https://app.example.com/connected";

    @TempDir
    Path dataDir;
    private Database database;
    private JdbcCredentialRepository credentials;
    private MockOAuth2Server provider;
    private MutableClock clock;
    private ConnectService connect;
    private CallbackService callbacks;
    private String authConfigId;
    private final Browser browser = new Browser();

    @BeforeEach
    void start() {
        provider = new MockOAuth2Server();
        provider.start();
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)); // the provider signs in real time
        database = TestDatabases.h2File(dataDir);
        credentials = new JdbcCredentialRepository(database.dataSource(), TestCrypto.cryptographer());
        JdbcAuthConfigRepository configs = new JdbcAuthConfigRepository(database.dataSource(),
                TestCrypto.cryptographer());
        authConfigId = configs.create(new AuthConfig(Ids.newId(new SecureRandom(), "ac"), "mock",
                provider.tokenEndpointUrl(ISSUER_ID).uri(), provider.authorizationEndpointUrl(ISSUER_ID).uri(), null,
                CLIENT_ID, "mock-client-secret", ClientAuthMethod.CLIENT_SECRET_BASIC, List.of("openid", "email"),
                null, clock.instant(), clock.instant(), 0)).authConfigId();
        BrokerConfig config = BrokerConfig.builder().set(ConfigTable.ALLOW_INSECURE_TOKEN_URLS, true).build();
        AuditService audit = new AuditService(new InMemoryAuditLog(), clock, Duration.ofSeconds(5));
        ConnectParts parts = new ConnectParts(new AuthConfigService(configs, true, clock, new SecureRandom(), audit),
                credentials, new JdbcConnectStore(database.dataSource()), database.transactions(),
                new LookupCache(100, Duration.ofMinutes(1), Duration.ofSeconds(30), clock), config.refresh(),
                config.connect(), () -> URI.create("http://localhost:8080"), clock);
        OpenIdSteps openId = OpenIdSteps.forBroker(withIssuer(provider.issuerUrl(ISSUER_ID).uri()), config.refresh(),
                EgressAllowList.none(), Duration.ofMinutes(10), clock, new SecureRandom());
        connect = new ConnectService(parts, new SecureRandom(), audit, openId, null);
        callbacks = new CallbackService(parts, new NimbusTokenClient(config.refresh(), clock), audit, openId, null);
    }

    @AfterEach
    void stop() {
        database.close();
        provider.shutdown();
    }

    /** The resolver a template with {@code "issuer"} gives: the auth config's own endpoints plus the issuer. */
    private static ProviderResolver withIssuer(URI issuer) {
        return new ProviderResolver() {
            @Override
            public ResolvedProvider resolve(AuthConfig c, Map<String, String> connectionConfig) {
                ResolvedProvider p = ResolvedProvider.of(c);
                return new ResolvedProvider(p.authConfigId(), "mock-oidc", p.authorizationEndpoint(),
                        p.tokenEndpoint(), p.refreshEndpoint(), p.revocationEndpoint(), issuer, p.clientId(),
                        p.clientSecret(), p.clientAuthMethod(), p.tokenRequestFormat(), Map.of(), Map.of(), Map.of(),
                        " ", p.defaultScopes(), p.pkce(), p.tokenResponse(), Map.of(), null, null, null, p.apiAuth(),
                        Map.of(), false);
            }

            @Override
            public List<String> problems(AuthConfig c, Map<String, String> connectionConfig, boolean forConnection) {
                return List.of();
            }
        };
    }

    private void signInAs(String subject, List<String> audience, long lifetimeSeconds) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", audience,
                Map.of("email", subject + "@example.com"), lifetimeSeconds));
    }

    /** Initiates, lets the browser visit the provider, returns the callback URL the provider sent it to. */
    private URI authorize(InitiateResponse started) {
        return browser.follow(URI.create(started.redirectUrl()));
    }

    private CallbackResult callback(URI providerRedirect, String iss) {
        Map<String, String> query = Browser.query(providerRedirect);
        return callbacks.callback(query.get("state"), query.get("code"), null, null, iss);
    }

    private InitiateResponse initiate() {
        return connect.initiate(new InitiateRequest(authConfigId, "user_42", APP_CALLBACK, null, null));
    }

    private static Map<String, String> backAtTheApp(CallbackResult result) {
        assertThat(result).isInstanceOf(CallbackResult.Redirect.class);
        return Browser.query(((CallbackResult.Redirect) result).location());
    }

    @Test
    void aFullConnectTakesTheAccountFromTheValidatedIdToken() {
        signInAs("user-sub-1", List.of(CLIENT_ID), 3600);
        InitiateResponse started = initiate();
        assertThat(Browser.query(URI.create(started.redirectUrl()))).containsKey("nonce")
                .containsEntry("scope", "openid email");

        CallbackResult result = callback(authorize(started), provider.issuerUrl(ISSUER_ID).toString());

        assertThat(backAtTheApp(result)).containsEntry("status", "ACTIVE").doesNotContainKey("error");
        Credential active = credentials.findByConnectionId(started.connectionId()).orElseThrow();
        assertThat(active.status()).isEqualTo(CredentialStatus.ACTIVE);
        assertThat(active.secrets().accountId()).isEqualTo("user-sub-1");
        assertThat(active.secrets().accountEmail()).isEqualTo("user-sub-1@example.com");
        assertThat(active.secrets().idToken()).isNotBlank();
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        signInAs("user-sub-3", List.of(CLIENT_ID), 3600);
        InitiateResponse started = initiate();
        URI tampered = Browser.withParam(URI.create(started.redirectUrl()), "nonce", "nonce-chosen-by-an-attacker");

        CallbackResult result = callback(browser.follow(tampered), null);

        assertRefused(result, started, "id_token_invalid", "nonce");
    }

    @Test
    void anIdTokenExpiredByTheBrokersClockIsRefused() {
        signInAs("user-sub-4", List.of(CLIENT_ID), 60);
        InitiateResponse started = initiate();
        URI back = authorize(started);
        clock.advance(Duration.ofMinutes(5)); // within the authorization timeout, past the token and the skew

        CallbackResult result = callback(back, null);

        assertRefused(result, started, "id_token_invalid", "expired");
    }

    @Test
    void aCallbackWhoseIssNamesAnotherIssuerIsRefusedBeforeAnyCodeExchange() {
        signInAs("user-sub-5", List.of(CLIENT_ID), 3600);
        InitiateResponse started = initiate();
        URI back = authorize(started);
        ConnectApi.received(provider); // forget the requests so far

        CallbackResult result = callback(back, "https://attacker.example.com");

        assertRefused(result, started, "issuer_mismatch", "iss");
        assertThat(ConnectApi.tokenRequests(provider)).isZero();
    }

    private void assertRefused(CallbackResult result, InitiateResponse started, String code, String why) {
        assertThat(backAtTheApp(result)).containsEntry("status", "EXPIRED").containsEntry("error", code);
        Credential expired = credentials.findByConnectionId(started.connectionId()).orElseThrow();
        assertThat(expired.status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(expired.statusReason()).startsWith(code).contains(why).doesNotContain("eyJ");
        assertThat(expired.secrets().credentials()).doesNotContainKey("access_token");
        assertThat(expired.secrets().idToken()).isNull();
        assertThat(expired.secrets().accountId()).isNull();
    }
}
