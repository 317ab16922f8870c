package com.credbroker.refresh.engine;

import static com.credbroker.refresh.testing.RefreshFixture.accessToken;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.refresh.client.ConnectionConfigs;
import com.credbroker.refresh.provider.ProviderException;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.provider.ResolvedProvider.LifetimeUnit;
import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.refresh.testing.TestProviders;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh engine on a template-backed auth config: what it sends, and what it keeps on the connection. */
class TemplateRefreshIT {
    @TempDir
    Path dir;
    private final WireMockServer provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private RefreshFixture fixture;
    private AuthConfig authConfig;
    private final AtomicReference<Map<String, String>> resolvedWith = new AtomicReference<>();

    @BeforeEach
    void start() {
        provider.start();
        fixture = new RefreshFixture(dir);
        authConfig = fixture.authConfig(URI.create("http://127.0.0.1:" + provider.port() + "/token"));
    }

    @AfterEach
    void stop() {
        fixture.close();
        provider.stop();
    }

    /** A Salesforce-like template: refresh at /refresh with a parameter, instance_url kept, two-hour default. */
    private ProviderResolver salesforceLike() {
        ResolvedProvider resolved = TestProviders.from(authConfig, "salesforce-like")
                .refreshEndpoint(URI.create("http://127.0.0.1:" + provider.port() + "/refresh"),
                        Map.of("format", "json"))
                .tokenResponse(TestProviders.shape(null, null, null, null, Map.of(), LifetimeUnit.SECONDS, 7200L),
                        Map.of("instance_url", "instance_url")).build();
        return new ProviderResolver() {
            @Override
            public ResolvedProvider resolve(AuthConfig config, Map<String, String> connectionConfig) {
                resolvedWith.set(connectionConfig);
                return resolved;
            }

            @Override
            public List<String> problems(AuthConfig config, Map<String, String> connectionConfig, boolean forConn) {
                return List.of();
            }
        };
    }

    private Credential connectionOn(String subdomain) {
        Credential c = fixture.connection(authConfig, "rt-1", Duration.ofSeconds(10));
        CredentialSecrets s = c.secrets();
        CredentialSecrets secrets = new CredentialSecrets(s.credentials(), null, null, null, null, false, null, null,
                null, null, null, Map.of("connection_config", Map.of("subdomain", subdomain,
                        "instance_url", "https://old.my.salesforce.com")));
        return fixture.credentials.updateIfVersion(c.toBuilder().secrets(secrets).build()).orElseThrow();
    }

    @Test
    void aRefreshGoesToTheTemplateEndpointAndItsCapturedDataJoinsTheConnectionConfig() {
        provider.stubFor(post(urlEqualTo("/refresh")).willReturn(okJson("{\"access_token\":\"00D!new\","
                + "\"token_type\":\"Bearer\",\"instance_url\":\"https://acme.my.salesforce.com\"}")));
        Credential before = connectionOn("acme");

        RefreshResult result = fixture.engine(RefreshFixture.config(), salesforceLike()).refresher()
                .refresh(before.credentialId(), RefreshTrigger.FORCED);

        Credential stored = fixture.reload(before);
        assertThat(result.outcome()).isEqualTo(RefreshOutcome.SUCCESS);
        assertThat(resolvedWith.get()).containsEntry("subdomain", "acme");
        assertThat(accessToken(stored)).isEqualTo("00D!new");
        assertThat(stored.expiresAt()).isEqualTo(fixture.clock.instant().plusSeconds(7200));
        assertThat(ConnectionConfigs.of(stored.secrets())).isEqualTo(Map.of("subdomain", "acme",
                "instance_url", "https://acme.my.salesforce.com"));
        provider.verify(1, postRequestedFor(urlEqualTo("/refresh")).withRequestBody(containing("format=json"))
                .withRequestBody(containing("grant_type=refresh_token")));
    }

    @Test
    void aTemplateThatCannotBeAppliedIsRefusedWithoutARequest() {
        ProviderResolver refusing = new ProviderResolver() {
            @Override
            public ResolvedProvider resolve(AuthConfig config, Map<String, String> connectionConfig) {
                throw new ProviderException("connection field subdomain is missing");
            }

            @Override
            public List<String> problems(AuthConfig config, Map<String, String> connectionConfig, boolean forConn) {
                return List.of("connection field subdomain is missing");
            }
        };
        Credential before = connectionOn("acme");

        RefreshResult result = fixture.engine(RefreshFixture.config(), refusing).refresher()
                .refresh(before.credentialId(), RefreshTrigger.FORCED);

        assertThat(result.outcome()).isEqualTo(RefreshOutcome.INVALID_CLIENT);
        assertThat(fixture.reload(before).statusReason()).startsWith("client_rejected: invalid_provider_field")
                .contains("subdomain");
        provider.verify(0, anyRequestedFor(anyUrl()));
        assertThat(fixture.store.state(before.credentialId()).orElseThrow())
                .satisfies(state -> assertThat(state.leaseOwner()).isNull())
                .satisfies(state -> assertThat(state.sentAt()).isNull())
                .satisfies(state -> assertThat(state.failures()).isEqualTo(1));
    }

    @Test
    void aGitlabLikeRefreshRepeatsTheRedirectUriItsExchangeKeptOnTheConnection() {
        provider.stubFor(post(urlEqualTo("/token")).willReturn(okJson("{\"access_token\":\"glpat-new\","
                + "\"token_type\":\"bearer\",\"expires_in\":7200,\"refresh_token\":\"rt-2\"}")));
        String callback = "https://broker.example.com/v1/personal-connectors/oauth/callback";
        ResolvedProvider gitlab = TestProviders.from(authConfig, "gitlab-like")
                .quirks(Map.of(), true, null, null, null).build();
        Credential c = fixture.connection(authConfig, "rt-1", Duration.ofSeconds(10));
        CredentialSecrets s = c.secrets();
        Credential before = fixture.credentials.updateIfVersion(c.toBuilder().secrets(new CredentialSecrets(
                s.credentials(), null, null, null, null, false, null, null, null, null, null,
                Map.of(ConnectionConfigs.KEY, Map.of(ConnectionConfigs.REDIRECT_URI, callback)))).build())
                .orElseThrow();

        RefreshResult result = fixture.engine(RefreshFixture.config(), TestProviders.always(gitlab)).refresher()
                .refresh(before.credentialId(), RefreshTrigger.FORCED);

        assertThat(result.outcome()).isEqualTo(RefreshOutcome.SUCCESS);
        provider.verify(1, postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("redirect_uri=" + java.net.URLEncoder.encode(callback,
                        java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(ConnectionConfigs.redirectUri(fixture.reload(before).secrets())).hasToString(callback);
    }
}
