package com.credbroker.refresh.connectioncheck;

import com.credbroker.refresh.testing.TestSettings;
import com.credbroker.config.ConfigTable;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.credbroker.config.ConnectConfig;
import com.credbroker.config.EgressAllowList;
import com.credbroker.refresh.client.HttpCheckRequestClient;
import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.connectioncheck.CheckVerdict;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection tests against a WireMock API and token endpoint, on a real refresh engine over H2. */
class ConnectionCheckerIT {
    @TempDir
    Path dataDir;
    private static final EgressAllowList LOOPBACK_ALLOWED = EgressAllowList.of(List.of("127.0.0.1", "localhost"));
    private WireMockServer api;
    private RefreshFixture fixture;
    private ConnectionChecker checker;
    private AuthConfig authConfig;

    @BeforeEach
    void start() {
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        fixture = new RefreshFixture(dataDir);
        // the operator allow-lists the loopback test API, as connection tests never reach loopback otherwise
        ConnectConfig config = TestSettings.defaults().set(ConfigTable.TEST_ALLOWED_HOSTS, List.of("localhost"))
                .set(ConfigTable.EGRESS_ALLOWED_HOSTS, LOOPBACK_ALLOWED).connect();
        checker = new ConnectionChecker(config, true, new HttpCheckRequestClient(config),
                fixture.engine().refresher(), fixture.credentials, fixture.clock);
        authConfig = fixture.authConfig(URI.create(base() + "/token"));
    }

    @AfterEach
    void stop() {
        fixture.close();
        api.stop();
    }

    private String base() {
        return "http://127.0.0.1:" + api.port();
    }

    /** An OAuth2 connection of the fixture's auth config with the given test target. */
    private Credential oauth(String baseUrl, String endpoint) {
        Credential c = fixture.connection(authConfig, "rt-1", Duration.ofHours(1));
        return store(c, c.authScheme(), c.secrets().credentials(), baseUrl, endpoint);
    }

    private Credential store(Credential c, AuthScheme scheme, Map<String, Object> fields, String baseUrl,
            String endpoint) {
        CredentialSecrets s = c.secrets();
        CredentialSecrets secrets = new CredentialSecrets(fields, null, null, null, null, false, baseUrl, endpoint,
                null, Map.of("X-Tenant", "t1"), Map.of("team", "a b"), Map.of());
        return fixture.credentials.updateIfVersion(c.toBuilder().authScheme(scheme).secrets(secrets).build())
                .orElseThrow();
    }

    @Test
    void aSuccessfulAnswerIsHealthyAndCarriesTokenHeadersAndQuery() {
        api.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{\"login\":\"octocat\"}")));
        Credential credential = oauth(base(), "/user");

        CheckOutcome outcome = checker.test(credential);

        assertThat(outcome.check().status()).isEqualTo(CheckVerdict.HEALTHY);
        assertThat(outcome.check().reason()).isNull();
        assertThat(outcome.check().httpStatus()).isEqualTo(200);
        assertThat(outcome.check().checkedAt()).isEqualTo(fixture.clock.instant());
        assertThat(outcome.refreshed()).isFalse();
        api.verify(getRequestedFor(urlEqualTo("/user?team=a%20b"))
                .withHeader("Authorization", equalTo("Bearer " + RefreshFixture.accessToken(credential)))
                .withHeader("X-Tenant", equalTo("t1")));
    }

    @Test
    void a401GetsOneRefreshAndOneRetry() {
        api.stubFor(get(urlPathEqualTo("/user")).willReturn(aResponse().withStatus(401)));
        api.stubFor(get(urlPathEqualTo("/user")).withHeader("Authorization", equalTo("Bearer at-new"))
                .willReturn(aResponse().withStatus(204)));
        api.stubFor(post(urlEqualTo("/token")).willReturn(okJson(
                "{\"access_token\":\"at-new\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        Credential credential = oauth(base(), base() + "/user");

        CheckOutcome outcome = checker.test(credential);

        assertThat(outcome.check().status()).isEqualTo(CheckVerdict.HEALTHY);
        assertThat(outcome.refreshed()).isTrue();
        assertThat(RefreshFixture.accessToken(fixture.reload(credential))).isEqualTo("at-new");
        api.verify(1, postRequestedFor(urlEqualTo("/token")));
        api.verify(2, getRequestedFor(urlPathEqualTo("/user")));
    }

    @Test
    void a401AfterTheRefreshIsUnhealthyAndNotRetriedAgain() {
        api.stubFor(get(urlPathEqualTo("/user")).willReturn(aResponse().withStatus(401)));
        api.stubFor(post(urlEqualTo("/token")).willReturn(okJson(
                "{\"access_token\":\"at-new\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));

        CheckOutcome outcome = checker.test(oauth(base(), "/user"));

        assertThat(outcome.check().status()).isEqualTo(CheckVerdict.UNHEALTHY);
        assertThat(outcome.check().reason()).startsWith("http_401_after_refresh");
        api.verify(1, postRequestedFor(urlEqualTo("/token")));
        api.verify(2, getRequestedFor(urlPathEqualTo("/user")));
    }

    @Test
    void a401WhoseRefreshFailsIsUnhealthyWithTheRefreshOutcome() {
        api.stubFor(get(urlPathEqualTo("/user")).willReturn(aResponse().withStatus(401)));
        api.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_grant\"}")));

        CheckOutcome outcome = checker.test(oauth(base(), "/user"));

        assertThat(outcome.check().status()).isEqualTo(CheckVerdict.UNHEALTHY);
        assertThat(outcome.check().reason()).isEqualTo("http_401: the access token was refused and the refresh"
                + " ended invalid_grant");
        api.verify(1, getRequestedFor(urlPathEqualTo("/user")));
    }

    @Test
    void redirectsAreNotFollowedAndServerErrorsAreUnknown() {
        api.stubFor(get(urlPathEqualTo("/moved")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", base() + "/user")));
        api.stubFor(get(urlPathEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        api.stubFor(get(urlPathEqualTo("/forbidden")).willReturn(aResponse().withStatus(403)));

        CheckOutcome moved = checker.test(oauth(base(), "/moved"));
        CheckOutcome down = checker.test(oauth(base(), "/down"));
        CheckOutcome forbidden = checker.test(oauth(base(), "/forbidden"));

        assertThat(moved.check().status()).isEqualTo(CheckVerdict.UNHEALTHY);
        assertThat(moved.check().reason()).startsWith("unexpected_redirect");
        assertThat(down.check().status()).isEqualTo(CheckVerdict.UNKNOWN);
        assertThat(down.check().reason()).startsWith("http_503");
        assertThat(forbidden.check().status()).isEqualTo(CheckVerdict.UNHEALTHY);
        assertThat(forbidden.check().reason()).startsWith("http_403");
        api.verify(0, getRequestedFor(urlPathEqualTo("/user")));
    }

    @Test
    void anEndpointOffTheBaseUrlsHostIsRefusedWithoutARequest() {
        CheckRefusedException offHost = catchThrowableOfType(CheckRefusedException.class,
                () -> checker.test(oauth("https://api.github.com", base() + "/user")));
        CheckRefusedException relativeWithoutBase = catchThrowableOfType(CheckRefusedException.class,
                () -> checker.test(oauth(null, "/user")));
        CheckRefusedException none = catchThrowableOfType(CheckRefusedException.class,
                () -> checker.test(oauth(base(), null)));

        assertThat(offHost.code()).isEqualTo("test_endpoint_not_allowed");
        assertThat(relativeWithoutBase.code()).isEqualTo("invalid_test_request_endpoint");
        assertThat(none.code()).isEqualTo("no_test_request_endpoint");
        api.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theOperatorAllowListAdmitsAnotherHost() {
        api.stubFor(get(urlPathEqualTo("/user")).willReturn(aResponse().withStatus(200)));

        CheckOutcome outcome = checker.test(oauth("https://api.github.com", "http://localhost:" + api.port() + "/user"));

        assertThat(outcome.check().status()).isEqualTo(CheckVerdict.HEALTHY);
    }

    @Test
    void aDisabledConnectionIsNeverTested() {
        Credential c = oauth(base(), "/user");
        Credential disabled = c.toBuilder().disabled(true).build();

        CheckRefusedException refused = catchThrowableOfType(CheckRefusedException.class, () -> checker.test(disabled));

        assertThat(refused.code()).isEqualTo("connection_disabled");
        api.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void otherSchemesSendTheirOwnCredentialsAndAreNeverRefreshed() {
        api.stubFor(get(urlPathEqualTo("/me")).willReturn(aResponse().withStatus(401)));
        Credential c = fixture.connection(authConfig, "rt-1", Duration.ofHours(1));

        CheckOutcome apiKey = checker.test(store(c, AuthScheme.API_KEY, Map.of("api_key", "k-1"), base(), "/me"));
        checker.test(store(fixture.reload(c), AuthScheme.API_KEY, Map.of("api_key", "k-2", "query_param_name",
                "key"), base(), "/me"));
        checker.test(store(fixture.reload(c), AuthScheme.BASIC, Map.of("username", "u", "password", "p"), base(),
                "/me"));
        checker.test(store(fixture.reload(c), AuthScheme.BEARER_TOKEN, Map.of("token", "bt-1"), base(), "/me"));

        assertThat(apiKey.check().status()).isEqualTo(CheckVerdict.UNHEALTHY);
        assertThat(apiKey.check().reason()).startsWith("http_401: the credentials were refused");
        assertThat(apiKey.refreshed()).isFalse();
        api.verify(getRequestedFor(urlPathEqualTo("/me")).withHeader("X-API-Key", equalTo("k-1")));
        api.verify(getRequestedFor(urlEqualTo("/me?team=a%20b&key=k-2")));
        api.verify(getRequestedFor(urlPathEqualTo("/me")).withHeader("Authorization", equalTo("Basic dTpw")));
        api.verify(getRequestedFor(urlPathEqualTo("/me")).withHeader("Authorization", equalTo("Bearer bt-1")));
        api.verify(0, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void aTimeoutIsUnknown() {
        ConnectConfig impatient = TestSettings.defaults()
                .set(ConfigTable.TEST_CONNECT_TIMEOUT, Duration.ofSeconds(1))
                .set(ConfigTable.TEST_READ_TIMEOUT, Duration.ofMillis(300))
                .set(ConfigTable.EGRESS_ALLOWED_HOSTS, LOOPBACK_ALLOWED).connect();
        ConnectionChecker quick = new ConnectionChecker(impatient, true, new HttpCheckRequestClient(impatient),
                fixture.engine().refresher(), fixture.credentials, fixture.clock);
        api.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(2000)));

        CheckOutcome outcome = quick.test(oauth(base(), "/slow"));

        assertThat(outcome.check().status()).isEqualTo(CheckVerdict.UNKNOWN);
        assertThat(outcome.check().reason()).startsWith("timeout");
        assertThat(outcome.check().httpStatus()).isNull();
    }
}
