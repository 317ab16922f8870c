package com.credbroker.refresh.engine;

import static com.credbroker.refresh.testing.RefreshFixture.accessToken;
import static com.credbroker.refresh.testing.RefreshFixture.refreshToken;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A 200 that is not a usable token response changes no token, writes nothing partial and does not loop. */
class GarbageResponsesIT {
    @TempDir
    Path dir;
    private final WireMockServer provider = new WireMockServer(options().dynamicPort());
    private RefreshFixture fixture;

    @BeforeEach
    void start() {
        provider.start();
        fixture = new RefreshFixture(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
        provider.stop();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "html          | text/html        | <html><body>Sign in</body></html>",
            "empty         | application/json | ''",
            "no token      | application/json | {\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"x\"}",
            "unknown type  | application/json | {\"access_token\":\"a\",\"token_type\":\"Weird\",\"refresh_token\":\"x\"}",
            "expires abc   | application/json | {\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":\"abc\",\"refresh_token\":\"x\"}",
            "expires -5    | application/json | {\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":-5,\"refresh_token\":\"x\"}",
            "expires 0     | application/json | {\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":0,\"refresh_token\":\"x\"}",
            "expires 1e12  | application/json | {\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":1000000000000,\"refresh_token\":\"x\"}",
    })
    void garbageLeavesTokensUnchangedAndBacksOff(String name, String contentType, String body) {
        provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", contentType).withBody(body)));
        var authConfig = fixture.authConfig(URI.create(provider.baseUrl() + "/token"));
        Credential before = fixture.connection(authConfig, "keep-me", Duration.ofMinutes(2));
        TokenRefresher refresher = fixture.engine().refresher();

        RefreshResult result = refresher.refresh(before.credentialId(), RefreshTrigger.FORCED);
        for (int i = 0; i < 20; i++) {
            refresher.refresh(before.credentialId(), RefreshTrigger.READ);
        }
        var scan = fixture.engine().scanner().runOnce();

        Credential stored = fixture.reload(before);
        assertThat(result.outcome()).isEqualTo(RefreshOutcome.BAD_RESPONSE);
        assertThat(accessToken(stored)).isEqualTo(accessToken(before));
        assertThat(refreshToken(stored)).isEqualTo("keep-me");
        assertThat(stored.expiresAt()).isEqualTo(before.expiresAt());
        assertThat(stored.status()).isEqualTo(CredentialStatus.ACTIVE);
        assertThat(stored.statusReason()).startsWith("bad_token_response: ");
        assertThat(scan.claimed()).isZero();
        assertThat(provider.countRequestsMatching(postRequestedFor(urlEqualTo("/token")).build()).getCount())
                .isEqualTo(1);
    }
}
