package com.credbroker.refresh.client;

import static com.credbroker.refresh.client.TestAuthConfigs.CLIENT_ID;
import static com.credbroker.refresh.client.TestAuthConfigs.CLIENT_SECRET;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token client against WireMock: successful responses and the requests it sends. */
class NimbusTokenClientIT extends WireMockTokenEndpoint {
    // --- success ---

    @Test
    void returnsTokensFromJsonResponse() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"refresh_token\":\"rt-2\",\"scope\":\"repo read:user\"}"));

        TokenSet tokens = tokens(refresh());

        assertThat(tokens.accessToken()).isEqualTo("at-1");
        assertThat(tokens.refreshToken()).isEqualTo("rt-2");
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresInSeconds()).isEqualTo(3600L);
        assertThat(tokens.scope()).isEqualTo("repo read:user");
        assertThat(tokens.idToken()).isNull();
        assertThat(tokens.extras()).isEmpty();
    }

    @Test
    void returnsTokensFromFormEncodedResponse() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withBody("access_token=at%2F1&token_type=bearer&expires_in=28800&refresh_token=rt-2&scope=repo%2Cgist"));

        TokenSet tokens = tokens(refresh());

        assertThat(tokens.accessToken()).isEqualTo("at/1");
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresInSeconds()).isEqualTo(28800L);
        assertThat(tokens.refreshToken()).isEqualTo("rt-2");
        assertThat(tokens.scope()).isEqualTo("repo,gist");
    }

    @Test
    void readsFormBodyLabelledTextPlainAsGitHubSendsIt() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("access_token=gho_abc&scope=repo&token_type=bearer"));

        TokenSet tokens = tokens(refresh());

        assertThat(tokens.accessToken()).isEqualTo("gho_abc");
        assertThat(tokens.expiresInSeconds()).isNull();
    }

    @Test
    void returnsNullRefreshTokenWhenProviderSendsNone() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));

        assertThat(tokens(refresh()).refreshToken()).isNull();
    }

    @Test
    void returnsNullExpiryWhenProviderSendsNoExpiresIn() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        assertThat(tokens(refresh()).expiresInSeconds()).isNull();
    }

    @Test
    void acceptsExpiresInSentAsString() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":\"3599\"}"));

        assertThat(tokens(refresh()).expiresInSeconds()).isEqualTo(3599L);
    }

    @Test
    void joinsScopeSentAsAnArray() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"scope\":[\"repo\",\"gist\"]}"));

        assertThat(tokens(refresh()).scope()).isEqualTo("repo gist");
    }

    @Test
    void keepsIdTokenAndCustomParametersButNotStandardOnes() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"id_token\":\"eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.\",\"refresh_token_expires_in\":15897600,"
                + "\"team\":{\"id\":\"T1\",\"name\":\"Acme\"},\"ok\":true,\"gone\":null}"));

        TokenSet tokens = tokens(refresh());

        assertThat(tokens.idToken()).isEqualTo("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.");
        assertThat(tokens.extras()).containsOnlyKeys("refresh_token_expires_in", "team", "ok");
        assertThat(tokens.extras().get("refresh_token_expires_in")).isEqualTo(15897600L);
        assertThat(tokens.extras().get("team")).isEqualTo(Map.of("id", "T1", "name", "Acme"));
        assertThat(tokens.extras().get("ok")).isEqualTo(true);
    }

    // --- the request ---

    @Test
    void sendsRefreshGrantWithoutScope() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        refresh();

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(request)).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", REFRESH_TOKEN)
                .doesNotContainKey("scope");
    }

    @Test
    void clientSecretBasicSendsBasicHeaderAndNoSecretInBody() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        refresh(ClientAuthMethod.CLIENT_SECRET_BASIC);

        LoggedRequest request = onlyRequest();
        String expected = Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + expected);
        assertThat(form(request)).doesNotContainKeys("client_secret", "client_id");
    }

    @Test
    void clientSecretPostSendsCredentialsInBodyAndNoAuthorizationHeader() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        refresh(ClientAuthMethod.CLIENT_SECRET_POST);

        LoggedRequest request = onlyRequest();
        assertThat(request.containsHeader("Authorization")).isFalse();
        assertThat(form(request)).containsEntry("client_id", CLIENT_ID).containsEntry("client_secret", CLIENT_SECRET);
    }

    @Test
    void publicClientSendsClientIdInBodyAndNoSecret() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        refresh(ClientAuthMethod.NONE);

        LoggedRequest request = onlyRequest();
        assertThat(request.containsHeader("Authorization")).isFalse();
        assertThat(form(request)).containsEntry("client_id", CLIENT_ID).doesNotContainKey("client_secret");
    }

    @Test
    void asksForJson() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        refresh();

        assertThat(onlyRequest().getHeader("Accept")).isEqualTo("application/json");
    }
}
