package com.credbroker.refresh.client;

import com.credbroker.refresh.provider.ResolvedProvider;
import static com.credbroker.refresh.client.TestAuthConfigs.CLIENT_ID;
import static com.credbroker.refresh.client.TestAuthConfigs.CLIENT_SECRET;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The authorization-code grant and RFC 7009 revocation against a WireMock provider. */
class NimbusGrantsIT extends WireMockTokenEndpoint {
    private static final String CODE = "CANARY-code-\"q\\uote-7a1";
    private static final String VERIFIER = "CANARY-verifier-0123456789abcdef0123456789abcdef012";
    private static final URI CALLBACK = URI.create("http://localhost:8080/v1/personal-connectors/oauth/callback");

    private static URI revocationUrl() {
        return URI.create("http://127.0.0.1:" + provider.port() + "/revoke");
    }

    private static AuthConfig config(ClientAuthMethod method) {
        AuthConfig c = TestAuthConfigs.authConfig(tokenUrl(), method);
        return new AuthConfig(c.authConfigId(), c.appName(), c.tokenEndpoint(), null, revocationUrl(), c.clientId(),
                c.clientSecret(), c.clientAuthMethod(), c.scopes(), null, c.createdAt(), c.updatedAt(), c.version());
    }

    private static ResolvedProvider provider(ClientAuthMethod method) {
        return ResolvedProvider.of(config(method));
    }

    private TokenResult exchange(ClientAuthMethod method) {
        return client.exchange(new CodeExchangeSpec(ResolvedProvider.of(config(method)), CODE, CALLBACK, VERIFIER));
    }

    @Test
    void exchangeSendsTheCodeVerifierAndRedirectUriWithClientAuthentication() {
        answer(okJson("{\"access_token\":\"at-1\",\"refresh_token\":\"rt-1\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600,\"scope\":\"repo\"}"));

        TokenSet tokens = tokens(exchange(ClientAuthMethod.CLIENT_SECRET_BASIC));

        LoggedRequest sent = onlyRequest();
        assertThat(form(sent)).containsEntry("grant_type", "authorization_code").containsEntry("code", CODE)
                .containsEntry("redirect_uri", CALLBACK.toString()).containsEntry("code_verifier", VERIFIER)
                .doesNotContainKey("client_secret");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(tokens.accessToken()).isEqualTo("at-1");
        assertThat(tokens.refreshToken()).isEqualTo("rt-1");
        assertThat(tokens.expiresInSeconds()).isEqualTo(3600);
    }

    @Test
    void aPublicClientSendsItsIdAndNoSecret() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        tokens(exchange(ClientAuthMethod.NONE));

        LoggedRequest sent = onlyRequest();
        assertThat(form(sent)).containsEntry("client_id", CLIENT_ID).doesNotContainKey("client_secret");
        assertThat(sent.getHeader("Authorization")).isNull();
    }

    @Test
    void aRefusedExchangeIsClassifiedAndNeverEchoesTheCodeOrVerifier() {
        answer(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"bad code " + CODE.replace("\"", "\\\"")
                        .replace("\\u", "\\\\u") + " for " + VERIFIER + "\"}"));

        TokenResult.Failure failure = failure(exchange(ClientAuthMethod.CLIENT_SECRET_POST));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
        assertThat(failure.code()).isEqualTo("invalid_grant");
        assertThat(failure.description()).contains("[REDACTED]").doesNotContain("CANARY");
    }

    @Test
    void anExchangeWithoutVerifierIsRefusedUnsent() {
        TokenResult.Failure failure = failure(client.exchange(new CodeExchangeSpec(
                provider(ClientAuthMethod.CLIENT_SECRET_BASIC), CODE, CALLBACK, null)));

        assertThat(failure.code()).isEqualTo("invalid_code_exchange");
        assertThat(provider.getAllServeEvents()).isEmpty();
    }

    @Test
    void revocationPostsTheRefreshTokenWithItsHintAndClientAuthentication() {
        provider.stubFor(post(urlEqualTo("/revoke")).willReturn(aResponse().withStatus(200)));

        RevocationResult result = client.revoke(new RevocationSpec(provider(ClientAuthMethod.CLIENT_SECRET_POST),
                "CANARY-rt-9", true));

        assertThat(result).isEqualTo(new RevocationResult.Revoked(200));
        List<LoggedRequest> sent = provider.findAll(postRequestedFor(urlEqualTo("/revoke")));
        assertThat(sent).hasSize(1);
        Map<String, String> form = form(sent.get(0));
        assertThat(form).containsEntry("token", "CANARY-rt-9").containsEntry("token_type_hint", "refresh_token")
                .containsEntry("client_id", CLIENT_ID).containsEntry("client_secret", CLIENT_SECRET);
    }

    @Test
    void aRevocationErrorIsAFailureWithoutTheToken() {
        provider.stubFor(post(urlEqualTo("/revoke")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"unsupported_token_type\",\"error_description\":\"no CANARY-rt-9\"}")));

        RevocationResult result = client.revoke(new RevocationSpec(provider(ClientAuthMethod.CLIENT_SECRET_BASIC),
                "CANARY-rt-9", true));

        assertThat(result).isInstanceOfSatisfying(RevocationResult.Failed.class, failed -> {
            assertThat(failed.failure().code()).isEqualTo("unsupported_token_type");
            assertThat(failed.failure().httpStatus()).isEqualTo(400);
            assertThat(failed.failure().description()).doesNotContain("CANARY");
        });
    }

    @Test
    void noRevocationEndpointMeansNoRequest() {
        RevocationResult result = client.revoke(new RevocationSpec(TestAuthConfigs.provider(tokenUrl(),
                ClientAuthMethod.CLIENT_SECRET_BASIC), "rt", true));

        assertThat(result).isInstanceOfSatisfying(RevocationResult.Failed.class,
                failed -> assertThat(failed.failure().code()).isEqualTo("no_revocation_endpoint"));
        assertThat(provider.getAllServeEvents()).isEmpty();
    }

    @Test
    void specsNeverPrintTheirSecrets() {
        assertThat(new CodeExchangeSpec(provider(ClientAuthMethod.NONE), CODE, CALLBACK, VERIFIER).toString())
                .doesNotContain("CANARY");
        assertThat(new RevocationSpec(provider(ClientAuthMethod.NONE), "CANARY-rt", true).toString())
                .doesNotContain("CANARY");
    }
}
