package com.credbroker.refresh.connectioncheck;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.credbroker.config.ConfigTable;
import com.credbroker.config.ConnectConfig;
import com.credbroker.config.EgressAllowList;
import com.credbroker.refresh.client.HttpCheckRequestClient;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.refresh.provider.ProviderException;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.provider.ResolvedProvider.ApiAuth;
import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.refresh.testing.TestProviders;
import com.credbroker.refresh.testing.TestSettings;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.connectioncheck.CheckVerdict;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection tests of connections on a provider template: its base URL, health endpoint, headers and api_auth. */
class TemplateHealthCheckIT {
    private static final Map<String, String> TEMPLATE_HEADERS = Map.of("Notion-Version", "2022-06-28",
            "X-Tenant", "from-template");
    @TempDir
    Path dataDir;
    private WireMockServer api;
    private RefreshFixture fixture;
    private AuthConfig authConfig;
    private ConnectConfig config;

    @BeforeEach
    void start() {
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        fixture = new RefreshFixture(dataDir);
        config = TestSettings.defaults().set(ConfigTable.TEST_ALLOWED_HOSTS, List.of("localhost"))
                .set(ConfigTable.EGRESS_ALLOWED_HOSTS, EgressAllowList.of(List.of("127.0.0.1", "localhost")))
                .connect();
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

    private ConnectionChecker checker(ProviderResolver providers) {
        return new ConnectionChecker(config, true, EgressPolicy.enforcing(config.egressAllowList(),
                HostResolver.system()), new HttpCheckRequestClient(config), fixture.engine().refresher(),
                fixture.credentials, fixture.clock, providers, id -> id.equals(authConfig.authConfigId())
                        ? Optional.of(authConfig) : Optional.empty());
    }

    /** The template's API side: base URL {@code <api>/v1}, health {@code /users/me}, its headers, {@code apiAuth}. */
    private ProviderResolver template(String baseUrl, ApiAuth apiAuth) {
        return TestProviders.always(TestProviders.from(authConfig, "test-template")
                .api(baseUrl, "/users/me", apiAuth, TEMPLATE_HEADERS).build());
    }

    private Credential connection(AuthScheme scheme, Map<String, Object> fields, String baseUrl, String endpoint,
            Map<String, String> extraHeaders) {
        Credential c = fixture.connection(authConfig, "rt-1", Duration.ofHours(1));
        CredentialSecrets secrets = new CredentialSecrets(fields, null, null, null, null, false, baseUrl, endpoint,
                null, extraHeaders, Map.of(), Map.of());
        return fixture.credentials.updateIfVersion(c.toBuilder().authScheme(scheme).secrets(secrets).build())
                .orElseThrow();
    }

    @Test
    void aConnectionWithoutItsOwnTargetGetsTheTemplateBaseUrlHealthEndpointAndHeaders() {
        api.stubFor(get(urlPathEqualTo("/v1/users/me")).willReturn(okJson("{\"object\":\"user\"}")));
        Credential c = connection(AuthScheme.OAUTH2, Map.of("access_token", "at-notion"), null, null,
                Map.of("x-tenant", "t1"));

        CheckOutcome outcome = checker(template(base() + "/v1", ApiAuth.BEARER)).test(c);

        assertThat(outcome.check().status()).isEqualTo(CheckVerdict.HEALTHY);
        api.verify(getRequestedFor(urlEqualTo("/v1/users/me")).withHeader("Authorization", equalTo("Bearer at-notion"))
                .withHeader("Notion-Version", equalTo("2022-06-28")).withHeader("X-Tenant", equalTo("t1")));
    }

    @Test
    void theConnectionsOwnBaseUrlAndTestEndpointWin() {
        api.stubFor(get(urlPathEqualTo("/own/ping")).willReturn(okJson("{}")));
        Credential c = connection(AuthScheme.OAUTH2, Map.of("access_token", "at-1"), base() + "/own", "/ping",
                Map.of());

        CheckOutcome outcome = checker(template("https://api.example.com/v1", ApiAuth.BEARER)).test(c);

        assertThat(outcome.check().status()).isEqualTo(CheckVerdict.HEALTHY);
        api.verify(1, getRequestedFor(urlEqualTo("/own/ping")));
    }

    @Test
    void anApiKeyGoesWhereTheTemplateSaysWithItsPrefixUnlessTheConnectionNamesItsOwnHeader() {
        api.stubFor(get(urlPathEqualTo("/v1/users/me")).willReturn(okJson("{}")));
        ConnectionChecker checker = checker(template(base() + "/v1",
                new ApiAuth(ApiAuth.Placement.HEADER, "Authorization", "Bearer ")));

        checker.test(connection(AuthScheme.API_KEY, Map.of("api_key", "sk-fake"), null, null, Map.of()));
        checker.test(connection(AuthScheme.API_KEY, Map.of("api_key", "sk-own", "header_name", "X-Own-Key"), null,
                null, Map.of()));

        api.verify(1, getRequestedFor(urlEqualTo("/v1/users/me")).withHeader("Authorization",
                equalTo("Bearer sk-fake")).withHeader("X-API-Key", absent()));
        api.verify(1, getRequestedFor(urlEqualTo("/v1/users/me")).withHeader("X-Own-Key", equalTo("sk-own"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void aBearerTokenCanTravelAsTheTemplatesQueryParameter() {
        api.stubFor(get(urlPathEqualTo("/v1/users/me")).willReturn(okJson("{}")));

        checker(template(base() + "/v1", new ApiAuth(ApiAuth.Placement.QUERY, "key", ""))).test(
                connection(AuthScheme.BEARER_TOKEN, Map.of("token", "tok-1"), null, null, Map.of()));

        api.verify(1, getRequestedFor(urlEqualTo("/v1/users/me?key=tok-1")).withHeader("Authorization", absent()));
    }

    @Test
    void aBaseUrlStillWaitingForConnectionDataOrAFieldTheResolverRefusesIsNotTested() {
        Credential c = connection(AuthScheme.OAUTH2, Map.of("access_token", "at-1"), null, null, Map.of());
        ProviderResolver refusing = new ProviderResolver() {
            @Override
            public ResolvedProvider resolve(AuthConfig ignored, Map<String, String> connectionConfig) {
                throw new ProviderException("connection field subdomain does not match its pattern");
            }

            @Override
            public List<String> problems(AuthConfig ignored, Map<String, String> connectionConfig, boolean forConn) {
                return List.of();
            }
        };

        CheckRefusedException unfilled = catchThrowableOfType(CheckRefusedException.class,
                () -> checker(template("{instance_url}/services/data", ApiAuth.BEARER)).test(c));
        CheckRefusedException refused = catchThrowableOfType(CheckRefusedException.class,
                () -> checker(refusing).test(c));

        assertThat(unfilled.code()).isEqualTo("invalid_provider_field");
        assertThat(refused.code()).isEqualTo("invalid_provider_field");
        assertThat(refused.getMessage()).contains("subdomain");
        api.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void withoutATemplateTheConnectionIsTestedAsBefore() {
        api.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{}")));
        Credential c = connection(AuthScheme.API_KEY, Map.of("api_key", "k-1"), base(), "/user", Map.of());

        checker(ProviderResolver.PLAIN).test(c);

        api.verify(1, getRequestedFor(urlEqualTo("/user")).withHeader("X-API-Key", equalTo("k-1"))
                .withHeader("Authorization", absent()));
    }

    /** Linear-like: the health request is a GraphQL POST with a JSON body. */
    private ProviderResolver graphql() {
        return TestProviders.always(TestProviders.from(authConfig, "graphql-template")
                .api(base(), "/graphql", ApiAuth.BEARER, Map.of())
                .quirks(Map.of(), false, null, "POST", "{\"query\":\"{ viewer { id } }\"}").build());
    }

    @Test
    void aGraphqlTemplateIsTestedWithAPostOfItsJsonBody() {
        api.stubFor(WireMock.post(urlEqualTo("/graphql"))
                .willReturn(okJson("{\"data\":{\"viewer\":{\"id\":\"u-1\"}}}")));
        Credential c = connection(AuthScheme.OAUTH2, Map.of("access_token", "lin-at"), null, null, Map.of());

        CheckOutcome outcome = checker(graphql()).test(c);

        assertThat(outcome.check().status()).isEqualTo(CheckVerdict.HEALTHY);
        api.verify(1, WireMock.postRequestedFor(urlEqualTo("/graphql"))
                .withHeader("Authorization", equalTo("Bearer lin-at"))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(WireMock.equalToJson("{\"query\":\"{ viewer { id } }\"}")));
        api.verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void aConnectionsOwnTestEndpointIsAlwaysAGetEvenOnAGraphqlTemplate() {
        api.stubFor(get(urlEqualTo("/status")).willReturn(okJson("{}")));
        Credential c = connection(AuthScheme.OAUTH2, Map.of("access_token", "lin-at"), base(), "/status", Map.of());

        CheckOutcome outcome = checker(graphql()).test(c);

        assertThat(outcome.check().status()).isEqualTo(CheckVerdict.HEALTHY);
        api.verify(1, getRequestedFor(urlEqualTo("/status")));
        api.verify(0, WireMock.postRequestedFor(anyUrl()));
    }
}
