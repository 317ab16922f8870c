package com.credbroker.refresh.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.ProviderHttpClient;
import com.credbroker.refresh.client.TokenSet;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.testing.TestSettings;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.credbroker.storage.connect.StateHash;
import com.credbroker.storage.testing.MutableClock;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery, ID token validation and the identity endpoint against a WireMock issuer that signs with this
 * test's own RSA key (so that forged, expired, wrong-audience and wrong-nonce tokens can be made).
 */
class OidcWireMockIT {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String CLIENT_ID = "client-oidc-1";
    private static final String NONCE = "nonce-of-one-authorization-0123456789abcdef";
    private static final String ACCESS_TOKEN = "canary-access-token-7d1f";
    private static final RefreshConfig CONFIG = TestSettings.defaults().allowInsecureTokenUrls(true)
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(2)).refresh();

    private static WireMockServer server;
    private static RSAKey key;
    private static RSAKey otherKey;
    private static URI issuer;

    private final MutableClock clock = new MutableClock(NOW);
    private OidcDiscovery discovery;
    private OidcConnect oidc;

    @BeforeAll
    static void startIssuer() throws JOSEException {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        issuer = URI.create("http://127.0.0.1:" + server.port() + "/tenant");
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    @AfterAll
    static void stopIssuer() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        serveDiscovery(issuer.toString());
        server.stubFor(get("/tenant/jwks").willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
        ProviderHttpClient http = new ProviderHttpClient(CONFIG,
                com.credbroker.refresh.egress.EgressPolicy.unrestricted(
                        com.credbroker.refresh.egress.HostResolver.system()));
        discovery = new OidcDiscovery(http, clock, Duration.ofMinutes(10), true);
        oidc = new OidcConnect(discovery, new IdTokenVerifier(discovery, clock, Duration.ofMinutes(1)),
                new IdentityClient(http, true), new SecureRandom());
    }

    private static void serveDiscovery(String namedIssuer) {
        String base = "http://127.0.0.1:" + server.port() + "/tenant";
        server.stubFor(get("/tenant/.well-known/openid-configuration").willReturn(okJson("{\"issuer\":\""
                + namedIssuer + "\",\"authorization_endpoint\":\"" + base + "/authorize\",\"token_endpoint\":\""
                + base + "/token\",\"jwks_uri\":\"" + base + "/jwks\",\"userinfo_endpoint\":\"" + base
                + "/userinfo\",\"revocation_endpoint\":\"" + base + "/revoke\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}")));
    }

    private static ResolvedProvider provider(URI withIssuer, ResolvedProvider.Identity identity) {
        AuthConfig config = new AuthConfig("ac_oidc", "oidc", null, null, null, CLIENT_ID, "s3cret",
                ClientAuthMethod.CLIENT_SECRET_BASIC, List.of("openid", "email"), null, NOW, NOW, 1,
                new com.credbroker.storage.authconfig.TemplateBinding("test", Map.of(), Map.of()));
        ResolvedProvider p = ResolvedProvider.of(config);
        return new ResolvedProvider(p.authConfigId(), "test", null, null, null, null, withIssuer, CLIENT_ID,
                "s3cret", p.clientAuthMethod(), p.tokenRequestFormat(), Map.of(), Map.of(), Map.of(), " ",
                List.of("openid"), p.pkce(), p.tokenResponse(), Map.of(), "http://127.0.0.1:" + server.port() + "/api",
                null, identity, p.apiAuth(), Map.of("X-Api-Version", "7"), false);
    }

    private static String idToken(RSAKey signer, String audience, Instant expires, String nonce)
            throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer.toString()).subject("user-sub-42")
                .audience(audience).expirationTime(Date.from(expires)).issueTime(Date.from(NOW.minusSeconds(5)))
                .claim("nonce", nonce).claim("email", "ada@example.com").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private AccountIdentity account(String idToken) {
        TokenSet tokens = new TokenSet(ACCESS_TOKEN, null, "Bearer", null, 3600L, idToken, Map.of());
        return oidc.account(provider(issuer, null), tokens, StateHash.of(NONCE));
    }

    @Test
    void discoveryFillsTheEndpointsTheProviderLacks() {
        ResolvedProvider completed = oidc.complete(provider(issuer, null));

        assertThat(completed.authorizationEndpoint()).isEqualTo(URI.create(issuer + "/authorize"));
        assertThat(completed.tokenEndpoint()).isEqualTo(URI.create(issuer + "/token"));
        assertThat(completed.refreshEndpoint()).isEqualTo(URI.create(issuer + "/token"));
        assertThat(completed.revocationEndpoint()).isEqualTo(URI.create(issuer + "/revoke"));
        assertThat(completed.identity().url()).isEqualTo(issuer + "/userinfo");
        assertThat(completed.identity().accountId()).isEqualTo("sub");
    }

    @Test
    void aProviderNamingEveryEndpointIsNotDiscoveredAgain() {
        ResolvedProvider named = withEndpoints(provider(issuer, new ResolvedProvider.Identity("/me", "GET", "id",
                null)), URI.create("https://idp.example/token"));

        assertThat(oidc.complete(named)).isSameAs(named);
        server.verify(0, getRequestedFor(urlEqualTo("/tenant/.well-known/openid-configuration")));
    }

    @Test
    void anUnreachableIssuerLeavesAProviderWithItsOwnTokenEndpointUsableAndRefusesOneWithout() {
        URI unreachable = URI.create("http://127.0.0.1:1/tenant");
        ResolvedProvider withToken = new ResolvedProvider(provider(unreachable, null).authConfigId(), "test", null,
                URI.create("https://idp.example/token"), null, null, unreachable, CLIENT_ID, "s3cret",
                ClientAuthMethod.CLIENT_SECRET_BASIC, ResolvedProvider.TokenRequestFormat.FORM, Map.of(), Map.of(),
                Map.of(), " ", List.of(), ResolvedProvider.Pkce.OPTIONAL, ResolvedProvider.TokenResponseShape.STANDARD,
                Map.of(), null, null, null, ResolvedProvider.ApiAuth.BEARER, Map.of(), false);
        ResolvedProvider issuerOnly = provider(unreachable, null);

        assertThat(new DiscoveringResolver(always(withToken), discovery).resolve(null, Map.of()))
                .isSameAs(withToken);
        assertThatThrownBy(() -> new DiscoveringResolver(always(issuerOnly), discovery).resolve(null, Map.of()))
                .isInstanceOfSatisfying(com.credbroker.refresh.provider.ProviderException.class,
                        e -> assertThat(e.unavailable()).isTrue());
    }

    private static com.credbroker.refresh.provider.ProviderResolver always(ResolvedProvider provider) {
        return new com.credbroker.refresh.provider.ProviderResolver() {
            @Override
            public ResolvedProvider resolve(AuthConfig config, Map<String, String> connectionConfig) {
                return provider;
            }

            @Override
            public List<String> problems(AuthConfig config, Map<String, String> connectionConfig,
                    boolean forConnection) {
                return List.of();
            }
        };
    }

    private static ResolvedProvider withEndpoints(ResolvedProvider p, URI token) {
        return new ResolvedProvider(p.authConfigId(), p.provider(), URI.create("https://idp.example/authorize"), token,
                token, URI.create("https://idp.example/revoke"), p.issuer(), p.clientId(), p.clientSecret(),
                p.clientAuthMethod(), p.tokenRequestFormat(), p.authorizationParams(), p.tokenParams(),
                p.refreshParams(), p.scopeSeparator(), p.defaultScopes(), p.pkce(), p.tokenResponse(),
                p.connectionData(), p.baseUrl(), p.healthEndpoint(), p.identity(), p.apiAuth(), p.headers(),
                p.rotatesRefreshTokens());
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
        serveDiscovery("https://evil.example.com/tenant");

        assertThatThrownBy(() -> oidc.complete(provider(issuer, null))).isInstanceOfSatisfying(OidcException.class,
                e -> assertThat(e.code()).isEqualTo("issuer_mismatch"));
    }

    @Test
    void aPlainHttpIssuerIsRefusedUnlessInsecureUrlsAreAllowed() {
        OidcDiscovery strict = new OidcDiscovery(new ProviderHttpClient(CONFIG,
                com.credbroker.refresh.egress.EgressPolicy.unrestricted(
                        com.credbroker.refresh.egress.HostResolver.system())), clock, Duration.ofMinutes(10), false);

        assertThatThrownBy(() -> strict.metadata(issuer)).isInstanceOf(OidcException.class)
                .hasMessageContaining("https");
        server.verify(0, getRequestedFor(urlEqualTo("/tenant/.well-known/openid-configuration")));
    }

    @Test
    void theDiscoveryDocumentIsKeptForItsLifetimeThenFetchedAgain() {
        discovery.metadata(issuer);
        clock.advance(Duration.ofMinutes(9));
        discovery.metadata(issuer);
        server.verify(1, getRequestedFor(urlEqualTo("/tenant/.well-known/openid-configuration")));

        clock.advance(Duration.ofMinutes(1));
        discovery.metadata(issuer);

        server.verify(2, getRequestedFor(urlEqualTo("/tenant/.well-known/openid-configuration")));
    }

    @Test
    void aValidIdTokenNamesTheAccount() throws JOSEException {
        AccountIdentity account = account(idToken(key, CLIENT_ID, NOW.plusSeconds(600), NONCE));

        assertThat(account).isEqualTo(new AccountIdentity("user-sub-42", "ada@example.com"));
    }

    @Test
    void anIdTokenSignedByAnotherKeyIsRefused() throws JOSEException {
        String forged = idToken(otherKey, CLIENT_ID, NOW.plusSeconds(600), NONCE);

        assertThatThrownBy(() -> account(forged)).isInstanceOfSatisfying(OidcException.class, e -> {
            assertThat(e.code()).isEqualTo("id_token_invalid");
            assertThat(e.getMessage()).contains("signature").doesNotContain(forged);
        });
    }

    @Test
    void anIdTokenForAnotherClientIsRefused() throws JOSEException {
        String token = idToken(key, "someone-else", NOW.plusSeconds(600), NONCE);

        assertThatThrownBy(() -> account(token)).isInstanceOf(OidcException.class).hasMessageContaining("aud");
    }

    @Test
    void anExpiredIdTokenIsRefusedByTheInjectedClock() throws JOSEException {
        String token = idToken(key, CLIENT_ID, NOW.plusSeconds(600), NONCE);
        clock.advance(Duration.ofMinutes(12)); // past expiry and the one-minute skew

        assertThatThrownBy(() -> account(token)).isInstanceOf(OidcException.class).hasMessageContaining("expired");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws JOSEException {
        String token = idToken(key, CLIENT_ID, NOW.plusSeconds(600), "a-nonce-from-another-authorization");

        assertThatThrownBy(() -> account(token)).isInstanceOf(OidcException.class).hasMessageContaining("nonce");
    }

    @Test
    void anIssuerThatRotatedItsKeysIsAskedAgainForTheNewKey() throws JOSEException {
        discovery.keys(URI.create(issuer + "/jwks"), false); // the old set is cached
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
        server.stubFor(get("/tenant/jwks").willReturn(okJson(new JWKSet(rotated.toPublicJWK()).toString())));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer.toString()).subject("user-sub-43")
                .audience(CLIENT_ID).expirationTime(Date.from(NOW.plusSeconds(600)))
                .issueTime(Date.from(NOW)).claim("nonce", NONCE).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k2").build(), claims);
        jwt.sign(new RSASSASigner(rotated));

        assertThat(account(jwt.serialize()).accountId()).isEqualTo("user-sub-43");
    }

    @Test
    void withoutAnIdTokenTheIdentityEndpointNamesTheAccount() {
        server.stubFor(get("/api/me").withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withHeader("X-Api-Version", equalTo("7"))
                .willReturn(okJson("{\"data\":{\"id\":12345,\"mail\":\"grace@example.com\"}}")));
        ResolvedProvider p = provider(null, new ResolvedProvider.Identity("/me", "GET", "data.id", "data.mail"));

        AccountIdentity account = oidc.account(p, new TokenSet(ACCESS_TOKEN, null, "Bearer", null, 3600L, null,
                Map.of()), null);

        assertThat(account).isEqualTo(new AccountIdentity("12345", "grace@example.com"));
    }

    @Test
    void aFailingIdentityEndpointLeavesTheAccountUnknown() {
        server.stubFor(get("/api/me").willReturn(aResponse().withStatus(500).withBody(ACCESS_TOKEN)));
        ResolvedProvider p = provider(null, new ResolvedProvider.Identity("/me", "GET", "data.id", null));

        AccountIdentity account = oidc.account(p, new TokenSet(ACCESS_TOKEN, null, "Bearer", null, 3600L, null,
                Map.of()), null);

        assertThat(account).isEqualTo(AccountIdentity.UNKNOWN);
    }

    @Test
    void aFailedIdentityRequestIsLoggedWithoutTheTokenOrTheBody() {
        server.stubFor(get("/api/me").willReturn(aResponse().withStatus(401).withBody("bad token " + ACCESS_TOKEN)));
        ResolvedProvider p = provider(null, new ResolvedProvider.Identity("/me", "GET", "data.id", null));
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                IdentityClient.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            oidc.account(p, new TokenSet(ACCESS_TOKEN, null, "Bearer", null, 3600L, null, Map.of()), null);
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getFormattedMessage()).contains("HTTP 401").doesNotContain(ACCESS_TOKEN);
    }

    @Test
    void anAbsoluteIdentityUrlIsAskedWithTheTokenInTheQueryWhenTheProviderSaysSo() {
        server.stubFor(get("/other/whoami?key=" + ACCESS_TOKEN).willReturn(okJson("{\"login\":\"octo\"}")));
        ResolvedProvider base = provider(null, new ResolvedProvider.Identity(
                "http://127.0.0.1:" + server.port() + "/other/whoami", "GET", "login", "missing.path"));
        ResolvedProvider p = new ResolvedProvider(base.authConfigId(), base.provider(), null, null, null, null, null,
                CLIENT_ID, "s3cret", base.clientAuthMethod(), base.tokenRequestFormat(), Map.of(), Map.of(), Map.of(),
                " ", List.of(), base.pkce(), base.tokenResponse(), Map.of(), null, null, base.identity(),
                new ResolvedProvider.ApiAuth(ResolvedProvider.ApiAuth.Placement.QUERY, "key", null), Map.of(), false);

        AccountIdentity account = oidc.account(p, new TokenSet(ACCESS_TOKEN, null, "Bearer", null, 3600L, null,
                Map.of()), null);

        assertThat(account).isEqualTo(new AccountIdentity("octo", null));
    }

    private static ResolvedProvider onInstanceUrl() {
        ResolvedProvider b = provider(null, new ResolvedProvider.Identity("/me", "GET", "user_id", "email"));
        return new ResolvedProvider(b.authConfigId(), b.provider(), null, null, null, null, null, CLIENT_ID, "s3cret",
                b.clientAuthMethod(), b.tokenRequestFormat(), Map.of(), Map.of(), Map.of(), " ", List.of(), b.pkce(),
                b.tokenResponse(), Map.of("instance_url", "instance_url"), "{instance_url}/services/data", null,
                b.identity(), b.apiAuth(), Map.of(), false);
    }

    @Test
    void aBaseUrlNamingConnectionDataIsFilledFromTheTokenResponse() {
        server.stubFor(get("/services/data/me").willReturn(okJson("{\"user_id\":\"005xx\",\"email\":\"s@example.com\"}")));
        TokenSet tokens = new TokenSet(ACCESS_TOKEN, null, "Bearer", null, null, null,
                Map.of("instance_url", "http://127.0.0.1:" + server.port()));

        assertThat(oidc.account(onInstanceUrl(), tokens, null)).isEqualTo(new AccountIdentity("005xx", "s@example.com"));
    }

    @Test
    void connectionDataThatWouldChangeThePathIsNotUsed() {
        TokenSet tokens = new TokenSet(ACCESS_TOKEN, null, "Bearer", null, null, null,
                Map.of("instance_url", "http://127.0.0.1:" + server.port() + "/elsewhere?x="));

        assertThat(oidc.account(onInstanceUrl(), tokens, null)).isEqualTo(AccountIdentity.UNKNOWN);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void anOpenIdAuthorizationCarriesANonceWhoseHashIsKept() {
        OidcConnect.Start start = oidc.start(provider(issuer, null), List.of("openid"),
                URI.create("https://idp.example.com/authorize?client_id=c&state=s"));

        String nonce = start.redirectUrl().getQuery().replaceAll(".*nonce=", "");
        assertThat(nonce).hasSize(43);
        assertThat(start.nonceHash()).isEqualTo(StateHash.of(nonce));
        assertThat(start.toString()).doesNotContain(nonce);
    }

    @Test
    void aCallbackIssNamingAnotherIssuerIsRefused() {
        assertThatThrownBy(() -> oidc.checkCallbackIssuer(provider(issuer, null), "https://evil.example.com"))
                .isInstanceOfSatisfying(OidcException.class, e -> assertThat(e.code()).isEqualTo("issuer_mismatch"));
        oidc.checkCallbackIssuer(provider(issuer, null), issuer.toString()); // the right one passes
    }
}
