package com.credbroker.refresh.client;

import static com.credbroker.refresh.client.TestAuthConfigs.CLIENT_ID;
import static com.credbroker.refresh.client.TestAuthConfigs.CLIENT_SECRET;
import static com.credbroker.refresh.client.TestAuthConfigs.authConfig;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.provider.ResolvedProvider.LifetimeUnit;
import com.credbroker.refresh.provider.ResolvedProvider.Pkce;
import com.credbroker.refresh.testing.TestProviders;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.credbroker.storage.credential.CredentialSecrets;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.minidev.json.JSONObject;
import net.minidev.json.parser.JSONParser;
import org.junit.jupiter.api.Test;

/**
 * The token client reading a resolved provider template against WireMock: the quirks of issue 17 (JSON bodies,
 * nested and non-standard token responses, lifetimes, extra parameters, captured connection data, PKCE off).
 */
class ProviderQuirksIT extends WireMockTokenEndpoint {
    private static final String CODE = "CANARY-code-quirks-1";
    private static final String VERIFIER = "CANARY-verifier-0123456789abcdef0123456789abcdef012";
    private static final URI CALLBACK = URI.create("http://localhost:8080/v1/personal-connectors/oauth/callback");

    private static TestProviders template(ClientAuthMethod method) {
        return TestProviders.from(authConfig(tokenUrl(), method), "test-template");
    }

    private TokenResult exchange(ResolvedProvider provider, String verifier) {
        return client.exchange(new CodeExchangeSpec(provider, CODE, CALLBACK, verifier));
    }

    private TokenResult refresh(ResolvedProvider provider) {
        return client.refresh(new TokenRequestSpec(provider, REFRESH_TOKEN));
    }

    private static Map<String, Object> jsonBody(LoggedRequest request) throws Exception {
        return (JSONObject) new JSONParser(JSONParser.MODE_RFC4627).parse(request.getBodyAsString());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void notionGetsTheCodeExchangeAsAJsonObjectWithBasicClientAuthentication() throws Exception {
        answer(okJson("{\"access_token\":\"secret_notion\",\"token_type\":\"bearer\",\"bot_id\":\"b-1\","
                + "\"workspace_id\":\"w-1\",\"owner\":{\"type\":\"workspace\",\"workspace\":true}}"));
        ResolvedProvider notion = template(ClientAuthMethod.CLIENT_SECRET_BASIC).json()
                .tokenParams(Map.of("extra", "x")).build();

        TokenSet tokens = tokens(exchange(notion, VERIFIER));

        LoggedRequest sent = onlyRequest();
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        assertThat(sent.getHeader("Authorization")).isEqualTo(basic());
        assertThat(jsonBody(sent)).containsEntry("grant_type", "authorization_code").containsEntry("code", CODE)
                .containsEntry("redirect_uri", CALLBACK.toString()).containsEntry("code_verifier", VERIFIER)
                .containsEntry("extra", "x").doesNotContainKey("client_secret");
        assertThat(tokens.accessToken()).isEqualTo("secret_notion");
        assertThat(tokens.extras()).containsEntry("workspace_id", "w-1");
    }

    @Test
    void aJsonRefreshWithPostAuthenticationCarriesTheClientInTheObject() throws Exception {
        answer(okJson("{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));

        tokens(refresh(template(ClientAuthMethod.CLIENT_SECRET_POST).json().build()));

        LoggedRequest sent = onlyRequest();
        assertThat(jsonBody(sent)).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", REFRESH_TOKEN).containsEntry("client_id", CLIENT_ID)
                .containsEntry("client_secret", CLIENT_SECRET);
        assertThat(sent.getHeader("Authorization")).isNull();
    }

    @Test
    void slackUserTokensAreReadUnderAuthedUserAndBotMeansBearer() {
        answer(okJson("{\"ok\":true,\"access_token\":\"xoxb-bot-1\",\"token_type\":\"bot\",\"scope\":\"chat:write\","
                + "\"team\":{\"id\":\"T123\",\"name\":\"Acme\"},\"authed_user\":{\"id\":\"U1\",\"scope\":\"search:read\","
                + "\"access_token\":\"xoxp-user-1\",\"token_type\":\"user\",\"refresh_token\":\"xoxe-1\","
                + "\"expires_in\":43200}}"));
        ResolvedProvider slack = template(ClientAuthMethod.CLIENT_SECRET_POST).tokenResponse(TestProviders.shape(
                "authed_user.access_token", "authed_user.refresh_token", "authed_user.expires_in",
                "authed_user.token_type", Map.of("bot", "Bearer", "user", "Bearer"), LifetimeUnit.SECONDS, null),
                Map.of("team_id", "team.id", "user_id", "authed_user.id")).build();

        TokenSet tokens = tokens(exchange(slack, VERIFIER));

        assertThat(tokens.accessToken()).isEqualTo("xoxp-user-1");
        assertThat(tokens.refreshToken()).isEqualTo("xoxe-1");
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresInSeconds()).isEqualTo(43200);
        assertThat(tokens.connectionData()).isEqualTo(Map.of("team_id", "T123", "user_id", "U1"));
    }

    @Test
    void slackBotTokenTypeIsBearerOnlyWhereTheTemplateSaysSo() {
        answer(okJson("{\"ok\":true,\"access_token\":\"xoxb-bot-1\",\"token_type\":\"bot\"}"));
        ResolvedProvider slack = template(ClientAuthMethod.CLIENT_SECRET_POST).tokenResponse(TestProviders.shape(
                null, null, null, null, Map.of("bot", "Bearer"), LifetimeUnit.SECONDS, null), Map.of()).build();

        assertThat(tokens(exchange(slack, VERIFIER)).tokenType()).isEqualTo("Bearer");
        assertThat(failure(exchange(ResolvedProvider.of(authConfig(tokenUrl(), ClientAuthMethod.CLIENT_SECRET_POST)),
                VERIFIER)).code()).isEqualTo("unknown_token_type");
    }

    @Test
    void aSlackErrorWithStatus200IsAnOAuthErrorNotAMissingToken() {
        answer(okJson("{\"ok\":false,\"error\":\"invalid_code\"}"));
        ResolvedProvider slack = template(ClientAuthMethod.CLIENT_SECRET_POST).tokenResponse(TestProviders.shape(
                "authed_user.access_token", null, null, null, Map.of(), LifetimeUnit.SECONDS, null), Map.of()).build();

        TokenResult.Failure failure = failure(exchange(slack, VERIFIER));

        assertThat(failure.code()).isEqualTo("invalid_code");
        assertThat(failure.failureClass()).isEqualTo(FailureClass.REJECTED);
    }

    @Test
    void aMissingTokenTypeIsFatalUnlessTheTemplateMapsIt() {
        answer(okJson("{\"access_token\":\"at-1\",\"expires_in\":3600}"));
        ResolvedProvider mapped = template(ClientAuthMethod.CLIENT_SECRET_BASIC).tokenResponse(TestProviders.shape(
                null, null, null, null, Map.of("", "Bearer"), LifetimeUnit.SECONDS, null), Map.of()).build();
        ResolvedProvider unmapped = template(ClientAuthMethod.CLIENT_SECRET_BASIC).tokenResponse(TestProviders.shape(
                null, null, null, null, Map.of("bot", "Bearer"), LifetimeUnit.SECONDS, null), Map.of()).build();

        assertThat(tokens(refresh(mapped)).tokenType()).isEqualTo("Bearer");
        assertThat(failure(refresh(unmapped)).code()).isEqualTo("missing_token_type");
    }

    @Test
    void aTemplateCannotMapATokenTypeToOneNimbusDoesNotKnow() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"bot\"}"));
        ResolvedProvider odd = template(ClientAuthMethod.CLIENT_SECRET_BASIC).tokenResponse(TestProviders.shape(
                null, null, null, null, Map.of("bot", "MAC"), LifetimeUnit.SECONDS, null), Map.of()).build();

        assertThat(failure(refresh(odd)).code()).isEqualTo("unknown_token_type");
    }

    @Test
    void aLifetimeInMillisecondsIsReadAsWholeSeconds() {
        ResolvedProvider millis = template(ClientAuthMethod.CLIENT_SECRET_BASIC).tokenResponse(TestProviders.shape(
                null, null, null, null, Map.of(), LifetimeUnit.MILLISECONDS, null), Map.of()).build();
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600500}"));

        assertThat(tokens(refresh(millis)).expiresInSeconds()).isEqualTo(3600);

        provider.resetAll();
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":999}"));
        assertThat(failure(refresh(millis)).code()).isEqualTo("invalid_expires_in");
    }

    @Test
    void anAbsentLifetimeTakesTheTemplateDefaultAndAPresentOneStaysStrict() {
        ResolvedProvider defaulted = template(ClientAuthMethod.CLIENT_SECRET_BASIC).tokenResponse(TestProviders.shape(
                null, null, null, null, Map.of(), LifetimeUnit.SECONDS, 7200L), Map.of()).build();
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        assertThat(tokens(refresh(defaulted)).expiresInSeconds()).isEqualTo(7200);

        provider.resetAll();
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":-5}"));
        assertThat(failure(refresh(defaulted)).code()).isEqualTo("invalid_expires_in");
    }

    @Test
    void salesforceInstanceUrlIsCapturedAndNoLifetimeMeansUnknown() {
        answer(okJson("{\"access_token\":\"00Dxx!fake\",\"token_type\":\"Bearer\",\"signature\":\"c2ln\","
                + "\"instance_url\":\"https://acme.my.salesforce.com\",\"id\":\"https://login.salesforce.com/id/00D/005\","
                + "\"issued_at\":\"1278448832702\",\"scope\":\"api refresh_token\"}"));
        ResolvedProvider salesforce = template(ClientAuthMethod.CLIENT_SECRET_POST)
                .tokenResponse(ResolvedProvider.TokenResponseShape.STANDARD,
                        Map.of("instance_url", "instance_url", "missing", "no.such.path", "object", "instance")).build();

        TokenSet tokens = tokens(refresh(salesforce));

        assertThat(tokens.expiresInSeconds()).isNull();
        assertThat(tokens.connectionData()).isEqualTo(Map.of("instance_url", "https://acme.my.salesforce.com"));
        CredentialSecrets before = new CredentialSecrets(Map.of("access_token", "old"), null, null, null, null, false,
                null, null, null, null, null, Map.of("connection_config", Map.of("subdomain", "acme",
                        "instance_url", "https://old.my.salesforce.com"), "other", "kept"));
        CredentialSecrets after = tokens.mergedInto(before);
        assertThat(ConnectionConfigs.of(after)).isEqualTo(Map.of("subdomain", "acme",
                "instance_url", "https://acme.my.salesforce.com"));
        assertThat(after.extraData()).containsEntry("other", "kept");
    }

    @Test
    void refreshGoesToTheRefreshEndpointWithTheRefreshParametersWhichNeverReplaceTheGrant() {
        provider.stubFor(post(urlEqualTo("/refresh")).willReturn(okJson(
                "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"expires_in\":60}")));
        URI refreshUrl = URI.create("http://127.0.0.1:" + provider.port() + "/refresh");
        ResolvedProvider dropboxLike = template(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .refreshEndpoint(refreshUrl, Map.of("token_access_type", "offline", "grant_type", "password")).build();

        tokens(refresh(dropboxLike));

        List<LoggedRequest> sent = provider.findAll(postRequestedFor(urlEqualTo("/refresh")));
        assertThat(sent).hasSize(1);
        assertThat(form(sent.get(0))).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", REFRESH_TOKEN).containsEntry("token_access_type", "offline");
        assertThat(provider.findAll(postRequestedFor(urlEqualTo("/token")))).isEmpty();
    }

    @Test
    void withPkceOffTheExchangeNeedsAndSendsNoVerifier() {
        answer(okJson("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));
        ResolvedProvider off = template(ClientAuthMethod.CLIENT_SECRET_POST).pkce(Pkce.OFF).build();

        tokens(exchange(off, null));
        tokens(exchange(off, VERIFIER));

        assertThat(provider.findAll(postRequestedFor(urlEqualTo("/token")))).hasSize(2)
                .allSatisfy(sent -> assertThat(form(sent)).containsEntry("code", CODE)
                        .doesNotContainKey("code_verifier"));
        ResolvedProvider required = template(ClientAuthMethod.CLIENT_SECRET_POST).pkce(Pkce.REQUIRED).build();
        assertThat(failure(exchange(required, null)).code()).isEqualTo("invalid_code_exchange");
    }

    @Test
    void aFailedJsonExchangeNeverEchoesTheCodeOrTheSecret() {
        answer(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"bad " + CODE + " / " + basic() + "\"}"));

        TokenResult.Failure failure = failure(exchange(template(ClientAuthMethod.CLIENT_SECRET_BASIC).json().build(),
                VERIFIER));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.INVALID_GRANT);
        assertThat(failure.description()).doesNotContain("CANARY").doesNotContain(CLIENT_SECRET)
                .doesNotContain(basic().substring(6));
    }
}
