package com.credbroker.refresh.client;

import static com.credbroker.refresh.client.TestAuthConfigs.authConfig;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.testing.TestProviders;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.credbroker.storage.credential.CredentialSecrets;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The token-endpoint quirks against WireMock: {@code token_headers} on the code exchange, the refresh and the
 * revocation (Reddit's {@code User-Agent}), and {@code refresh_redirect_uri} (GitLab): the exchange keeps the
 * redirect URI it used on the connection, and the refresh sends it again; a provider without the quirk never
 * sends one on refresh.
 */
class TokenEndpointQuirksIT extends WireMockTokenEndpoint {
    private static final String CODE = "CANARY-code-endpoint-quirks";
    private static final String VERIFIER = "CANARY-verifier-0123456789abcdef0123456789abcdef012";
    private static final URI CALLBACK = URI.create("https://broker.example.com/v1/personal-connectors/oauth/callback");
    private static final Map<String, String> USER_AGENT = Map.of("User-Agent", "server:credbroker:v1.0 (by /u/op)");
    private static final String TOKENS = "{\"access_token\":\"at-1\",\"token_type\":\"bearer\",\"expires_in\":7200,"
            + "\"refresh_token\":\"rt-2\"}";

    private static ResolvedProvider provider(Map<String, String> tokenHeaders, boolean refreshRedirectUri) {
        URI revocation = URI.create("http://127.0.0.1:" + provider.port() + "/revoke");
        return TestProviders.from(authConfig(tokenUrl(), ClientAuthMethod.CLIENT_SECRET_POST), "quirky")
                .revocation(revocation).quirks(tokenHeaders, refreshRedirectUri, null, null, null).build();
    }

    @Test
    void tokenHeadersGoWithTheExchangeTheRefreshAndTheRevocation() {
        answer(okJson(TOKENS));
        provider.stubFor(post(urlEqualTo("/revoke")).willReturn(aResponse().withStatus(200)));
        ResolvedProvider reddit = provider(USER_AGENT, false);

        tokens(client.exchange(new CodeExchangeSpec(reddit, CODE, CALLBACK, VERIFIER)));
        tokens(client.refresh(new TokenRequestSpec(reddit, REFRESH_TOKEN)));
        RevocationResult revoked = client.revoke(new RevocationSpec(reddit, "rt-2", true));

        List<LoggedRequest> sent = provider.findAll(postRequestedFor(urlEqualTo("/token")));
        sent.addAll(provider.findAll(postRequestedFor(urlEqualTo("/revoke"))));
        assertThat(revoked).isInstanceOf(RevocationResult.Revoked.class);
        assertThat(sent).hasSize(3).allSatisfy(request -> {
            assertThat(request.getHeader("User-Agent")).isEqualTo("server:credbroker:v1.0 (by /u/op)");
            assertThat(request.getHeaders().getHeader("User-Agent").values()).hasSize(1);
        });
    }

    @Test
    void withoutTokenHeadersTheClientSendsItsOwnUserAgent() {
        answer(okJson(TOKENS));

        tokens(client.refresh(new TokenRequestSpec(provider(Map.of(), false), REFRESH_TOKEN)));

        assertThat(onlyRequest().getHeader("User-Agent")).isEqualTo("credbroker");
    }

    @Test
    void aGitlabExchangeKeepsItsRedirectUriAndTheRefreshSendsItAgain() {
        answer(okJson(TOKENS));
        ResolvedProvider gitlab = provider(Map.of(), true);

        TokenSet exchanged = tokens(client.exchange(new CodeExchangeSpec(gitlab, CODE, CALLBACK, VERIFIER)));
        CredentialSecrets stored = exchanged.mergedInto(new CredentialSecrets(Map.of(), null, null, null, null, false,
                null, null, null, Map.of(), Map.of(), Map.of()));
        provider.resetRequests();
        tokens(client.refresh(new TokenRequestSpec(gitlab, REFRESH_TOKEN, ConnectionConfigs.redirectUri(stored))));

        assertThat(ConnectionConfigs.of(stored)).containsEntry(ConnectionConfigs.REDIRECT_URI, CALLBACK.toString());
        assertThat(form(onlyRequest())).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", REFRESH_TOKEN).containsEntry("redirect_uri", CALLBACK.toString());
    }

    @Test
    void aProviderWithoutTheQuirkNeitherKeepsNorSendsARedirectUri() {
        answer(okJson(TOKENS));
        ResolvedProvider plain = provider(Map.of(), false);

        TokenSet exchanged = tokens(client.exchange(new CodeExchangeSpec(plain, CODE, CALLBACK, VERIFIER)));
        provider.resetRequests();
        tokens(client.refresh(new TokenRequestSpec(plain, REFRESH_TOKEN, CALLBACK)));

        assertThat(exchanged.connectionData()).doesNotContainKey(ConnectionConfigs.REDIRECT_URI);
        assertThat(form(onlyRequest())).doesNotContainKey("redirect_uri");
    }

    @Test
    void aFailedGitlabExchangeKeepsNothing() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\"}"));

        TokenResult result = client.exchange(new CodeExchangeSpec(provider(Map.of(), true), CODE, CALLBACK, VERIFIER));

        assertThat(failure(result).failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
    }

    @Test
    void aStoredRedirectUriThatIsNotAnAbsoluteUriIsNotSent() {
        CredentialSecrets bad = new CredentialSecrets(Map.of(), null, null, null, null, false, null, null, null,
                Map.of(), Map.of(), Map.of(ConnectionConfigs.KEY, Map.of(ConnectionConfigs.REDIRECT_URI, "not a uri")));

        assertThat(ConnectionConfigs.redirectUri(bad)).isNull();
    }
}
