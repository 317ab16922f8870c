package com.credbroker.refresh.engine;

import static com.credbroker.refresh.testing.RefreshFixture.refreshToken;
import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.refresh.RefreshClaim;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled refresh works from what its claim read of the row; these are the cases where the row or
 * the auth config changed after the claim, and the refresh must use what is stored now.
 */
class ClaimSnapshotRefreshIT {
    private static final String TOKEN_PATH = "/oauth/token";

    @TempDir
    Path dir;
    private final WireMockServer provider = new WireMockServer(options().dynamicPort());
    private RefreshFixture fixture;
    private RefreshEngine engine;
    private AuthConfig authConfig;

    @BeforeEach
    void start() {
        provider.start();
        provider.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"new-access\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                        + "\"refresh_token\":\"rotated-refresh\"}")));
        fixture = new RefreshFixture(dir);
        engine = fixture.engine();
        authConfig = fixture.authConfig(URI.create(provider.baseUrl() + TOKEN_PATH));
    }

    @AfterEach
    void stop() {
        fixture.close();
        provider.stop();
    }

    @Test
    void anAdminWriteAfterTheClaimIsRefreshedWithTheNewRefreshToken() {
        Credential before = fixture.connection(authConfig, "claimed-refresh", Duration.ofSeconds(10));
        RefreshClaim claim = claimOne();
        Credential replaced = fixture.credentials.updateIfVersion(withRefreshToken(before, "admin-refresh"))
                .orElseThrow();

        RefreshResult result = engine.refresher().refreshClaimed(claim, null);

        assertThat(result.outcome()).isEqualTo(RefreshOutcome.SUCCESS);
        provider.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        provider.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withRequestBody(containing("refresh_token=admin-refresh")));
        Credential stored = fixture.reload(before);
        assertThat(refreshToken(stored)).isEqualTo("rotated-refresh");
        assertThat(stored.version()).isEqualTo(replaced.version() + 1);
    }

    @Test
    void aChangedAuthConfigIsUsedByTheNextRefreshThroughIt() {
        Credential first = fixture.connection(authConfig, "refresh-1", Duration.ofSeconds(10));
        assertThat(engine.refresher().refreshClaimed(claimOne(), null).outcome()).isEqualTo(RefreshOutcome.SUCCESS);
        AuthConfig changed = fixture.authConfigs.updateIfVersion(new AuthConfig(authConfig.authConfigId(),
                authConfig.appName(), authConfig.tokenEndpoint(), null, null, "client-2", "client-secret-2",
                authConfig.clientAuthMethod(), authConfig.scopes(), null, authConfig.createdAt(),
                fixture.clock.instant(), authConfig.version())).orElseThrow();
        Credential second = fixture.connection(changed, "refresh-2", Duration.ofSeconds(10));

        assertThat(engine.refresher().refreshClaimed(claimOne(), null).outcome()).isEqualTo(RefreshOutcome.SUCCESS);

        provider.verify(postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("refresh_token=refresh-1"))
                .withHeader("Authorization", equalTo(basic("client-1", "client-secret-1"))));
        provider.verify(postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("refresh_token=refresh-2"))
                .withHeader("Authorization", equalTo(basic("client-2", "client-secret-2"))));
        assertThat(refreshToken(fixture.reload(first))).isEqualTo("rotated-refresh");
        assertThat(refreshToken(fixture.reload(second))).isEqualTo("rotated-refresh");
    }

    private RefreshClaim claimOne() {
        Instant now = fixture.clock.instant();
        List<RefreshClaim> claims = fixture.store.claimDue(now, now.plus(Duration.ofMinutes(5)), 1, engine.owner(),
                now.plus(Duration.ofMinutes(2)));
        assertThat(claims).hasSize(1);
        return claims.get(0);
    }

    private static Credential withRefreshToken(Credential base, String refreshToken) {
        return base.withSecrets(aCredential().refreshToken(refreshToken).build().secrets());
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
