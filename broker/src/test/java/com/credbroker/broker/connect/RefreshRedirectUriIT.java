package com.credbroker.broker.connect;

import static com.credbroker.broker.connect.ConnectApi.lookup;
import static com.credbroker.broker.connect.ConnectApi.redirectUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code gitlab} template's {@code refresh_redirect_uri} through the real broker: the callback's
 * code exchange keeps the redirect URI it sent on the connection ({@code extra_data.connection_config
 * ._redirect_uri}) and a refresh sends it again; with the quirk overridden off, neither happens. The provider
 * is the {@code mock-oauth2-server} (the template's URLs overridden to it).
 */
class RefreshRedirectUriIT {
    @TempDir
    Path dataDir;
    private MockOAuth2Server provider;
    private RunningBroker running;
    private final Browser browser = new Browser();

    @BeforeEach
    void start() throws Exception {
        provider = new MockOAuth2Server();
        provider.start();
        running = new RunningBroker(dataDir, Map.of("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS", "true",
                "CREDBROKER_REFRESH_INTERVAL", "PT1H"));
    }

    @AfterEach
    void stop() {
        running.close();
        provider.shutdown();
    }

    private String gitlabConfig(boolean refreshRedirectUri) {
        String issuer = ConnectApi.ISSUER;
        HttpResponse<String> created = running.http.post(ConnectApi.AUTH_CONFIGS, RunningBroker.admin(),
                "{\"provider\":\"gitlab\",\"scopes\":[\"openid\"],\"client_id\":\"client-1\","
                        + "\"client_secret\":\"" + ConnectApi.CLIENT_SECRET + "\",\"provider_overrides\":{"
                        + "\"authorization_url\":\"" + provider.authorizationEndpointUrl(issuer)
                        + "\",\"token_url\":\"" + provider.tokenEndpointUrl(issuer) + "\","
                        + "\"identity\":{\"url\":\"" + provider.userInfoUrl(issuer) + "\",\"account_id\":\"sub\"},"
                        + "\"refresh_redirect_uri\":" + refreshRedirectUri + "}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Fixtures.body(created).get("auth_config_id").asText();
    }

    /** Connects through the browser and refreshes once; answers the refresh request's form. */
    private String connectAndRefresh(String authConfigId, String[] connectionId) {
        JsonNode started = ConnectApi.initiated(running.http, authConfigId);
        connectionId[0] = started.get("connection_id").asText();
        browser.follow(browser.follow(redirectUrl(started)));
        assertThat(lookup(running.http, connectionId[0]).get("status").asText()).isEqualTo("ACTIVE");
        ConnectApi.received(provider);

        HttpResponse<String> refreshed = running.http.post(Fixtures.BY_CONNECTION + connectionId[0] + "/refresh",
                RunningBroker.admin(), "");

        assertThat(refreshed.headers().firstValue("X-Refresh-Outcome")).hasValue("success");
        List<RecordedRequest> tokenRequests = ConnectApi.received(provider).stream()
                .filter(r -> r.getPath() != null && r.getPath().contains("/token")).toList();
        assertThat(tokenRequests).hasSize(1);
        return tokenRequests.get(0).getBody().readUtf8();
    }

    private String callback() {
        return "http://localhost:" + running.port() + "/v1/personal-connectors/oauth/callback";
    }

    @Test
    void aGitlabRefreshRepeatsTheRedirectUriTheExchangeUsed() {
        String[] connectionId = new String[1];

        String form = connectAndRefresh(gitlabConfig(true), connectionId);

        assertThat(form).contains("grant_type=refresh_token")
                .contains("redirect_uri=" + URLEncoder.encode(callback(), StandardCharsets.UTF_8));
        assertThat(lookup(running.http, connectionId[0]).at("/extra_data/connection_config/_redirect_uri").asText())
                .isEqualTo(callback());
    }

    @Test
    void withTheQuirkOffTheRefreshSendsNoRedirectUriAndNoneIsKept() {
        String[] connectionId = new String[1];

        String form = connectAndRefresh(gitlabConfig(false), connectionId);

        assertThat(form).contains("grant_type=refresh_token").doesNotContain("redirect_uri");
        assertThat(lookup(running.http, connectionId[0]).at("/extra_data/connection_config/_redirect_uri")
                .isMissingNode()).isTrue();
    }
}
