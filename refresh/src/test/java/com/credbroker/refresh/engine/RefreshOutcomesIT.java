package com.credbroker.refresh.engine;

import static com.credbroker.refresh.testing.RefreshFixture.accessToken;
import static com.credbroker.refresh.testing.RefreshFixture.refreshToken;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.refresh.RefreshState;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each provider answer against a WireMock token endpoint, through the one refresh function. */
class RefreshOutcomesIT {
    private static final String TOKEN_PATH = "/oauth/token";

    @TempDir
    Path dir;
    private final WireMockServer provider = new WireMockServer(options().dynamicPort());
    private RefreshFixture fixture;
    private TokenRefresher refresher;
    private AuthConfig authConfig;

    @BeforeEach
    void start() {
        provider.start();
        fixture = new RefreshFixture(dir);
        refresher = fixture.engine().refresher();
        authConfig = fixture.authConfig(URI.create(provider.baseUrl() + TOKEN_PATH));
    }

    @AfterEach
    void stop() {
        fixture.close();
        provider.stop();
    }

    private void answer(int status, String body) {
        provider.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private Credential expiring(String refreshToken) {
        return fixture.connection(authConfig, refreshToken, Duration.ofSeconds(10));
    }

    private RefreshResult refresh(Credential credential, RefreshTrigger trigger) {
        return refresher.refresh(credential.credentialId(), trigger);
    }

    private int providerCalls() {
        return provider.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount();
    }

    private RefreshState state(Credential credential) {
        return fixture.store.state(credential.credentialId()).orElseThrow();
    }

    @Test
    void successStoresNewTokensExpiryAndActiveStatusBeforeReturning() {
        answer(200, "{\"access_token\":\"new-access\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"refresh_token\":\"new-refresh\",\"scope\":\"read write\"}");
        Credential before = expiring("old-refresh");

        RefreshResult result = refresh(before, RefreshTrigger.FORCED);

        Credential stored = fixture.reload(before);
        assertThat(result.outcome()).isEqualTo(RefreshOutcome.SUCCESS);
        assertThat(accessToken(stored)).isEqualTo("new-access");
        assertThat(refreshToken(stored)).isEqualTo("new-refresh");
        assertThat(stored.secrets().credentials()).containsEntry("scope", "read write");
        assertThat(stored.expiresAt()).isEqualTo(fixture.clock.instant().plusSeconds(3600));
        assertThat(stored.status()).isEqualTo(CredentialStatus.ACTIVE);
        assertThat(stored.statusReason()).isNull();
        assertThat(stored.version()).isEqualTo(before.version() + 1);
        assertThat(result.credential()).isEqualTo(stored);
        assertThat(fixture.committed).containsExactly(before.connectionId() + ":success");
        provider.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=old-refresh")));
    }

    @Test
    void responseWithoutRefreshTokenKeepsTheOldOne() {
        answer(200, "{\"access_token\":\"new-access\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        Credential before = expiring("old-refresh");

        refresh(before, RefreshTrigger.FORCED);

        assertThat(refreshToken(fixture.reload(before))).isEqualTo("old-refresh");
        assertThat(accessToken(fixture.reload(before))).isEqualTo("new-access");
    }

    @Test
    void missingExpiresInUsesTheDefaultLifetimeAndAbsurdValuesAreClamped() {
        answer(200, "{\"access_token\":\"a\",\"token_type\":\"Bearer\"}");
        Credential noExpiry = expiring("r1");
        refresh(noExpiry, RefreshTrigger.FORCED);
        assertThat(fixture.reload(noExpiry).expiresAt())
                .isEqualTo(fixture.clock.instant().plus(RefreshFixture.config().defaultLifetime()));

        answer(200, "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":157680000}");
        Credential fiveYears = expiring("r2");
        refresh(fiveYears, RefreshTrigger.FORCED);
        assertThat(fixture.reload(fiveYears).expiresAt())
                .isEqualTo(fixture.clock.instant().plus(RefreshFixture.config().maxLifetime()));
    }

    @Test
    void invalidGrantExpiresTheConnectionWithTheProviderReasonAndNeverRetries() {
        answer(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}");
        Credential before = expiring("dead-refresh");

        RefreshResult first = refresh(before, RefreshTrigger.FORCED);
        fixture.clock.advance(Duration.ofHours(2));
        RefreshResult second = refresh(before, RefreshTrigger.READ);
        var scan = fixture.engine().scanner().runOnce();

        Credential stored = fixture.reload(before);
        assertThat(first.outcome()).isEqualTo(RefreshOutcome.INVALID_GRANT);
        assertThat(stored.status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(stored.statusReason()).isEqualTo("invalid_grant: Token has been expired or revoked.");
        assertThat(refreshToken(stored)).isEqualTo("dead-refresh");
        assertThat(second.outcome()).isEqualTo(RefreshOutcome.NOT_REFRESHABLE);
        assertThat(scan.claimed()).isZero();
        assertThat(providerCalls()).isEqualTo(1);
    }

    @Test
    void invalidGrantForATokenSomeoneAlreadyReplacedKeepsTheNewerToken() {
        answer(400, "{\"error\":\"invalid_grant\"}");
        Credential before = expiring("old-refresh");
        TokenRefresher racing = fixture.engine(RefreshFixture.config(), client -> request -> {
            // Another node commits a newer token while our request (with the old one) is out.
            Credential current = fixture.reload(before);
            var secrets = new java.util.HashMap<>(current.secrets().credentials());
            secrets.put("refresh_token", "newer-refresh");
            fixture.credentials.updateIfVersion(withCredentials(current, secrets));
            return client.refresh(request);
        }).refresher();

        RefreshResult result = racing.refresh(before.credentialId(), RefreshTrigger.FORCED);

        Credential stored = fixture.reload(before);
        assertThat(result.outcome()).isEqualTo(RefreshOutcome.SHARED);
        assertThat(stored.status()).isEqualTo(CredentialStatus.ACTIVE);
        assertThat(refreshToken(stored)).isEqualTo("newer-refresh");
    }

    @Test
    void invalidClientStopsEveryConnectionOfTheAuthConfigUntilItChanges() {
        answer(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
        Credential first = expiring("r1");
        Credential sibling = expiring("r2");

        RefreshResult result = refresh(first, RefreshTrigger.FORCED);
        var blockedScan = fixture.engine().scanner().runOnce();

        assertThat(result.outcome()).isEqualTo(RefreshOutcome.INVALID_CLIENT);
        assertThat(fixture.reload(first).statusReason())
                .isEqualTo("client_rejected: invalid_client: Client authentication failed");
        assertThat(fixture.authConfigs.find(authConfig.authConfigId()).orElseThrow().refreshBlocked()).isTrue();
        assertThat(blockedScan.claimed()).isZero();
        assertThat(refresh(sibling, RefreshTrigger.FORCED).outcome()).isEqualTo(RefreshOutcome.NOT_REFRESHABLE);
        assertThat(providerCalls()).isEqualTo(1);

        AuthConfig stored = fixture.authConfigs.find(authConfig.authConfigId()).orElseThrow();
        fixture.authConfigs.updateIfVersion(new AuthConfig(stored.authConfigId(), stored.appName(),
                stored.tokenEndpoint(), null, null, stored.clientId(), "fixed-secret", stored.clientAuthMethod(),
                stored.scopes(), null, stored.createdAt(), fixture.clock.instant(), stored.version()));
        answer(200, "{\"access_token\":\"after-fix\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        var scan = fixture.engine().scanner().runOnce();
        assertThat(scan.claimed()).isEqualTo(2);
    }

    @Test
    void serverErrorsBackOffStayActiveWhileValidThenExpireAndRecover() {
        answer(503, "{}");
        Credential before = expiring("r1");

        RefreshResult first = refresh(before, RefreshTrigger.FORCED);
        Credential afterFirst = fixture.reload(before);
        RefreshState backoff = state(before);
        RefreshResult tooSoon = refresh(before, RefreshTrigger.READ);

        assertThat(first.outcome()).isEqualTo(RefreshOutcome.TRANSIENT);
        assertThat(afterFirst.status()).isEqualTo(CredentialStatus.ACTIVE);
        assertThat(afterFirst.statusReason()).isEqualTo("refresh_failed: http_503: token endpoint answered HTTP 503");
        assertThat(accessToken(afterFirst)).isEqualTo(accessToken(before));
        assertThat(backoff.failures()).isEqualTo(1);
        assertThat(backoff.retryAfter()).isAfter(fixture.clock.instant())
                .isBeforeOrEqualTo(fixture.clock.instant().plus(Duration.ofSeconds(6)));
        assertThat(tooSoon.outcome()).isEqualTo(RefreshOutcome.BACKING_OFF);
        assertThat(tooSoon.hold()).isEqualTo(RefreshResult.Hold.FAILURE_BACKOFF);
        assertThat(providerCalls()).isEqualTo(1);

        fixture.clock.advance(Duration.ofSeconds(20));
        assertThat(refresh(before, RefreshTrigger.READ).outcome()).isEqualTo(RefreshOutcome.TRANSIENT);
        Credential expired = fixture.reload(before);
        assertThat(expired.status()).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(expired.statusReason()).isEqualTo("refresh_failed: http_503: token endpoint answered HTTP 503");
        assertThat(state(before).failures()).isEqualTo(2);

        answer(200, "{\"access_token\":\"recovered\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        fixture.clock.advance(Duration.ofMinutes(20));
        var scan = fixture.engine().scanner().runOnce();
        assertThat(fixture.engine().awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(scan.claimed()).isEqualTo(1);
    }

    @Test
    void rateLimitWaitsForRetryAfter() {
        provider.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120")));
        Credential before = expiring("r1");

        RefreshResult limited = refresh(before, RefreshTrigger.FORCED);
        fixture.clock.advance(Duration.ofSeconds(60));
        RefreshResult early = refresh(before, RefreshTrigger.READ);

        assertThat(limited.outcome()).isEqualTo(RefreshOutcome.RATE_LIMITED);
        assertThat(fixture.reload(before).statusReason()).startsWith("rate_limited: ");
        assertThat(early.outcome()).isEqualTo(RefreshOutcome.BACKING_OFF);
        assertThat(early.hold()).isEqualTo(RefreshResult.Hold.PROVIDER_RETRY_AFTER);
        assertThat(early.retryAfter()).isAfterOrEqualTo(fixture.clock.instant().plusSeconds(60));
        assertThat(providerCalls()).isEqualTo(1);

        fixture.clock.advance(Duration.ofSeconds(61));
        refresh(before, RefreshTrigger.READ);
        assertThat(providerCalls()).isEqualTo(2);
    }

    @Test
    void timeoutIsTransient() {
        provider.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3_000).withBody("{}")));
        Credential before = expiring("r1");

        RefreshResult result = refresh(before, RefreshTrigger.FORCED);

        assertThat(result.outcome()).isEqualTo(RefreshOutcome.TRANSIENT);
        assertThat(fixture.reload(before).statusReason()).isEqualTo("refresh_failed: timeout: no response headers within the read timeout");
        assertThat(state(before).leaseUntil()).isNull();
    }

    static Credential withCredentials(Credential c, java.util.Map<String, Object> values) {
        var s = c.secrets();
        return c.withSecrets(new com.credbroker.storage.credential.CredentialSecrets(values,
                s.idToken(), s.codeVerifier(), s.accountEmail(), s.accountId(), s.composioManaged(), s.baseUrl(),
                s.testRequestEndpoint(), s.callbackUrl(), s.extraHeaders(), s.queryParams(), s.extraData()));
    }
}
