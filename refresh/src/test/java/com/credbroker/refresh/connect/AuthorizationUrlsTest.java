package com.credbroker.refresh.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.provider.ResolvedProvider.Pkce;
import com.credbroker.refresh.testing.TestProviders;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationUrlsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final URI CALLBACK = URI.create("https://broker.example.com/v1/personal-connectors/oauth/callback");

    private static AuthConfig config(URI authorizationEndpoint) {
        return new AuthConfig("ac_test", "github", URI.create("https://github.com/login/oauth/access_token"),
                authorizationEndpoint, null, "client-1", "s3cret", ClientAuthMethod.CLIENT_SECRET_BASIC,
                List.of("repo"), null, T0, T0, 1);
    }

    private static ResolvedProvider provider(URI authorizationEndpoint) {
        return ResolvedProvider.of(config(authorizationEndpoint));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void buildsACodeRequestWithStateAndAnS256Challenge() throws Exception {
        AuthorizationStart start = new AuthorizationUrls(new SecureRandom()).start(
                provider(URI.create("https://github.com/login/oauth/authorize")), List.of("repo", "read:user"),
                CALLBACK);

        URI url = start.redirectUrl();
        Map<String, String> params = query(url);
        assertThat(url.getHost()).isEqualTo("github.com");
        assertThat(url.getPath()).isEqualTo("/login/oauth/authorize");
        assertThat(params).containsEntry("response_type", "code").containsEntry("client_id", "client-1")
                .containsEntry("redirect_uri", CALLBACK.toString()).containsEntry("scope", "repo read:user")
                .containsEntry("state", start.state()).containsEntry("code_challenge_method", "S256");
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(start.codeVerifier().getBytes(StandardCharsets.US_ASCII));
        assertThat(params.get("code_challenge"))
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        assertThat(url.toString()).doesNotContain(start.codeVerifier()).doesNotContain("s3cret");
        assertThat(start.state()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(start.codeVerifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(start.toString()).doesNotContain(start.state()).doesNotContain(start.codeVerifier());
    }

    @Test
    void everyStartHasItsOwnStateAndVerifier() {
        AuthorizationUrls urls = new AuthorizationUrls(new SecureRandom());
        ResolvedProvider config = provider(URI.create("https://github.com/login/oauth/authorize"));

        AuthorizationStart one = urls.start(config, List.of(), CALLBACK);
        AuthorizationStart two = urls.start(config, List.of(), CALLBACK);

        assertThat(one.state()).isNotEqualTo(two.state());
        assertThat(one.codeVerifier()).isNotEqualTo(two.codeVerifier()).isNotEqualTo(one.state());
        assertThat(query(one.redirectUrl())).doesNotContainKey("scope");
    }

    @Test
    void refusesAConfigWithoutAuthorizationEndpoint() {
        assertThatThrownBy(() -> new AuthorizationUrls(new SecureRandom()).start(provider(null), List.of(), CALLBACK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slackStyleScopesAreJoinedWithCommasAndGoogleStyleParametersAreAdded() {
        ResolvedProvider provider = TestProviders.from(config(null), "template").authorization(
                URI.create("https://slack.com/oauth/v2/authorize"),
                Map.of("access_type", "offline", "prompt", "consent", "state", "forged", "client_id", "other"),
                ",", List.of("chat:write"), Pkce.OPTIONAL).build();

        AuthorizationStart start = new AuthorizationUrls(new SecureRandom()).start(provider,
                List.of("channels:read", "chat:write"), CALLBACK);

        Map<String, String> params = query(start.redirectUrl());
        assertThat(params).containsEntry("scope", "channels:read,chat:write").containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent").containsEntry("state", start.state())
                .containsEntry("client_id", "client-1").containsEntry("code_challenge_method", "S256");
        assertThat(start.redirectUrl().getRawQuery()).contains("scope=channels%3Aread%2Cchat%3Awrite");
    }

    @Test
    void noScopesNamedRequestsTheDefaultScopesButAnEmptyListRequestsNone() {
        ResolvedProvider provider = TestProviders.from(config(null), "template").authorization(
                URI.create("https://api.linear.app/oauth/authorize"), Map.of(), ",", List.of("read", "write"),
                Pkce.REQUIRED).build();
        AuthorizationUrls urls = new AuthorizationUrls(new SecureRandom());

        assertThat(query(urls.start(provider, null, CALLBACK).redirectUrl())).containsEntry("scope", "read,write");
        assertThat(query(urls.start(provider, List.of(), CALLBACK).redirectUrl())).doesNotContainKey("scope");
    }

    @Test
    void withPkceOffThereIsNoChallengeAndNoVerifier() {
        ResolvedProvider provider = TestProviders.from(config(null), "template").authorization(
                URI.create("https://www.figma.com/oauth"), Map.of(), ",", List.of(), Pkce.OFF).build();

        AuthorizationStart start = new AuthorizationUrls(new SecureRandom()).start(provider, List.of("files:read"),
                CALLBACK);

        assertThat(start.codeVerifier()).isNull();
        assertThat(query(start.redirectUrl())).doesNotContainKey("code_challenge")
                .doesNotContainKey("code_challenge_method").containsEntry("scope", "files:read");
    }

    @Test
    void aSlackUserTokenRequestCarriesItsScopesInUserScopeAndNoScope() {
        ResolvedProvider slackUser = TestProviders.from(config(URI.create("https://slack.com/oauth/v2/authorize")),
                "slack-user").authorization(URI.create("https://slack.com/oauth/v2/authorize"), Map.of(), ",",
                        List.of("users:read", "search:read"), Pkce.OPTIONAL)
                .quirks(Map.of(), false, "user_scope", null, null).build();

        Map<String, String> byDefault = query(new AuthorizationUrls(new SecureRandom()).start(slackUser, null, CALLBACK)
                .redirectUrl());
        Map<String, String> named = query(new AuthorizationUrls(new SecureRandom()).start(slackUser,
                List.of("channels:history"), CALLBACK).redirectUrl());

        assertThat(byDefault).containsEntry("user_scope", "users:read,search:read").doesNotContainKey("scope");
        assertThat(named).containsEntry("user_scope", "channels:history").doesNotContainKey("scope");
    }

    @Test
    void aSpaceSeparatedScopeParameterOtherThanScopeIsJoinedWithSpaces() {
        ResolvedProvider other = TestProviders.from(config(URI.create("https://idp.example.com/authorize")), "other")
                .quirks(Map.of(), false, "permissions", null, null).build();

        Map<String, String> params = query(new AuthorizationUrls(new SecureRandom()).start(other,
                List.of("a", "b"), CALLBACK).redirectUrl());

        assertThat(params).containsEntry("permissions", "a b").doesNotContainKey("scope");
    }
}
