package com.credbroker.refresh.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.credbroker.config.ConfigTable;
import com.credbroker.config.EgressAllowList;
import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.CodeExchangeSpec;
import com.credbroker.refresh.client.ConnectionConfigs;
import com.credbroker.refresh.client.HttpCheckRequestClient;
import com.credbroker.refresh.client.NimbusTokenClient;
import com.credbroker.refresh.client.ProviderHttpClient;
import com.credbroker.refresh.client.TokenRequestSpec;
import com.credbroker.refresh.client.TokenResult;
import com.credbroker.refresh.client.TokenSet;
import com.credbroker.refresh.connect.AuthorizationStart;
import com.credbroker.refresh.connect.AuthorizationUrls;
import com.credbroker.refresh.connectioncheck.ConnectionChecker;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.refresh.oidc.AccountIdentity;
import com.credbroker.refresh.oidc.IdentityClient;
import com.credbroker.refresh.provider.ResolvedProvider.Pkce;
import com.credbroker.refresh.testing.RefreshFixture;
import com.credbroker.refresh.testing.TestSettings;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.credbroker.storage.authconfig.TemplateBinding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped provider template against a replica of what its documentation shows (one fixture per template
 * in {@code provider-replicas/}): the authorization URL, the code exchange, the refresh, a documented error,
 * the identity endpoint and the health test, each through the product's own classes, against one WireMock
 * server standing in for the provider's hosts. Every phase of a fixture is checked and reported together.
 */
class ProviderReplicaIT {
    static final URI CALLBACK = URI.create("http://localhost:8080/v1/personal-connectors/oauth/callback");
    static final String SENT_REFRESH = "old-refresh";
    static final String CODE = "code-1";
    private static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
    private static final RefreshConfig CONFIG = TestSettings.defaults().allowInsecureTokenUrls(true)
            .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(2)).refresh();

    @TempDir
    static Path dataDir;
    static ReplicaStub stub;
    static RefreshFixture fixture;
    static ProviderCatalogue catalogue;
    static CatalogueResolver resolver;
    static AuthConfig stored;
    static final AtomicReference<AuthConfig> current = new AtomicReference<>();
    static ReplicaHealth health;

    private final NimbusTokenClient tokens = new NimbusTokenClient(CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));
    private final IdentityClient identity = new IdentityClient(new ProviderHttpClient(CONFIG,
            EgressPolicy.unrestricted(HostResolver.system())), true);
    private final AuthorizationUrls authorizationUrls = new AuthorizationUrls(new SecureRandom());

    @BeforeAll
    static void start() {
        stub = new ReplicaStub().start();
        catalogue = ProviderCatalogue.load(ProviderReplicaIT.class.getClassLoader(), ProviderCatalogue.SHIPPED,
                Optional.empty(), true);
        resolver = new CatalogueResolver(catalogue);
        fixture = new RefreshFixture(dataDir);
        stored = fixture.authConfig(URI.create(stub.origin() + "/token"));
        var connect = TestSettings.defaults().set(ConfigTable.TEST_ALLOWED_HOSTS, List.of("localhost"))
                .set(ConfigTable.EGRESS_ALLOWED_HOSTS, EgressAllowList.of(List.of("127.0.0.1", "localhost")))
                .connect();
        ConnectionChecker checker = new ConnectionChecker(connect, true, EgressPolicy.enforcing(
                connect.egressAllowList(), HostResolver.system()), new HttpCheckRequestClient(connect),
                fixture.engine().refresher(), fixture.credentials, fixture.clock, resolver,
                id -> Optional.ofNullable(current.get()).filter(c -> c.authConfigId().equals(id)));
        health = new ReplicaHealth(stub, fixture, checker);
    }

    @AfterAll
    static void stop() {
        fixture.close();
        stub.stop();
    }

    @Test
    void everyShippedTemplateHasExactlyOneReplicaNamedAfterIt() {
        List<Replica> replicas = Replica.all().toList();

        assertThat(replicas).allSatisfy(r -> assertThat(r.file()).isEqualTo(r.provider() + ".json"));
        assertThat(replicas.stream().map(Replica::provider).collect(Collectors.toSet()))
                .isEqualTo(catalogue.all().stream().map(ProviderTemplate::name).collect(Collectors.toSet()));
        assertThat(replicas).hasSize(catalogue.size());
        assertThat(replicas).allSatisfy(ProviderReplicaIT::replicatesEveryPartOfItsTemplate);
    }

    /** A replica for each part the template has: OAuth answers, identity, health, the credentials of a key. */
    private static void replicatesEveryPartOfItsTemplate(Replica replica) {
        ObjectNode template = catalogue.json(replica.provider()).orElseThrow();
        boolean oauth = template.path("auth_scheme").asText().equals("OAUTH2");
        SoftAssertions soft = new SoftAssertions();
        for (String part : List.of("token_response", "expect_tokens", "error_response")) {
            soft.assertThat(replica.has(part)).as("%s: %s", replica, part).isEqualTo(oauth);
        }
        for (String part : List.of("credentials", "expect_request_headers")) {
            soft.assertThat(replica.has(part)).as("%s: %s", replica, part).isEqualTo(!oauth);
        }
        soft.assertThat(replica.has("identity_response")).as("%s: identity_response", replica)
                .isEqualTo(template.has("identity"));
        soft.assertThat(replica.has("health_response")).as("%s: health_response", replica)
                .isEqualTo(template.has("health_endpoint"));
        boolean refreshable = oauth && replica.get("expect_tokens").hasNonNull("refresh_token");
        soft.assertThat(replica.has("refresh_response")).as("%s: refresh_response", replica).isEqualTo(refreshable);
        soft.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.credbroker.refresh.provider.Replica#all")
    void theTemplateBehavesAsItsProviderDocumentsIt(Replica replica) {
        stub.reset();
        ObjectNode template = catalogue.json(replica.provider()).orElseThrow(() -> new AssertionError(
                "no shipped template " + replica.provider()));
        AuthConfig config = authConfig(replica, template);
        current.set(config);
        ResolvedProvider resolved = resolver.resolve(config, replica.connectionFields());
        SoftAssertions soft = new SoftAssertions();
        TokenSet tokenSet = null;
        if (replica.has("token_response")) {
            String verifier = authorize(soft, replica, template, resolved);
            tokenSet = exchange(soft, replica, template, resolved, verifier);
        }
        if (replica.has("refresh_response")) {
            refresh(soft, replica, template, resolved);
        }
        if (replica.has("error_response")) {
            error(soft, replica, resolved);
        }
        if (replica.has("identity_response") && template.has("identity")) {
            identify(soft, replica, template, resolved, tokenSet);
        }
        if (replica.has("health_response")) {
            health.check(soft, replica, template, tokenSet);
        }
        try {
            soft.assertAll();
        } catch (AssertionError failed) {
            throw new AssertionError(replica.file() + " (docs " + replica.get("docs") + "): " + failed.getMessage(),
                    failed);
        }
    }

    /**
     * The template through an auth config (fake client, the stored config's ID so a connection can point at it)
     * whose overrides move every URL of the template to the stub.
     */
    private static AuthConfig authConfig(Replica replica, ObjectNode template) {
        TemplateBinding binding = new TemplateBinding(replica.provider(), replica.overrides(template, stub.origin()),
                Map.of());
        return new AuthConfig(stored.authConfigId(), "replica-" + replica.provider(), null, null, null,
                "client-replica", "client-secret-replica", ClientAuthMethod.CLIENT_SECRET_BASIC, List.of(), null,
                NOW, NOW, 1, binding);
    }

    /** The authorization URL carries every documented parameter, and a PKCE challenge unless PKCE is off. */
    private String authorize(SoftAssertions soft, Replica replica, ObjectNode template, ResolvedProvider resolved) {
        AuthorizationStart start = authorizationUrls.start(resolved, replica.scopes(), CALLBACK);
        Map<String, String> query = Replica.query(start.redirectUrl());
        soft.assertThat(start.redirectUrl().getRawPath()).as("connect: authorization path")
                .isEqualTo(replica.path(template, template.path("authorization_url").asText()));
        soft.assertThat(query).as("connect: OAuth parameters").containsEntry("response_type", "code")
                .containsEntry("client_id", "client-replica").containsEntry("redirect_uri", CALLBACK.toString())
                .containsEntry("state", start.state());
        soft.assertThat(query).as("connect: authorization URL parameters")
                .containsAllEntriesOf(Replica.strings(replica.get("expect_authorization_params")));
        ReplicaQuirks.scopeParam(soft, template, query);
        if (resolved.pkce() == Pkce.OFF) {
            soft.assertThat(query).as("connect: no PKCE when off").doesNotContainKey("code_challenge");
        } else {
            soft.assertThat(query).as("connect: PKCE challenge").containsKey("code_challenge");
        }
        return start.codeVerifier();
    }

    private TokenSet exchange(SoftAssertions soft, Replica replica, ObjectNode template, ResolvedProvider resolved,
            String verifier) {
        stub.answer(replica.get("token_response"));
        TokenResult result = tokens.exchange(new CodeExchangeSpec(resolved, CODE, CALLBACK, verifier));
        soft.assertThat(stub.paths()).as("exchange: requests").containsExactly(
                "POST " + replica.path(template, template.path("token_url").asText()));
        soft.assertThat(stub.bodies()).as("exchange: grant sent").singleElement(STRING)
                .contains("authorization_code").contains(CODE);
        ReplicaQuirks.tokenHeaders(soft, "exchange", template, stub.requests());
        if (!(result instanceof TokenResult.Success success)) {
            soft.fail("exchange: expected tokens, got " + describe(result));
            return null;
        }
        TokenSet t = success.tokens();
        Map<String, String> expected = Replica.strings(replica.get("expect_tokens"));
        soft.assertThat(t.accessToken()).as("exchange: access_token").isEqualTo(expected.get("access_token"));
        soft.assertThat(t.refreshToken()).as("exchange: refresh_token").isEqualTo(expected.get("refresh_token"));
        soft.assertThat(t.expiresInSeconds() == null ? null : t.expiresInSeconds().toString())
                .as("exchange: expires_in").isEqualTo(expected.get("expires_in"));
        soft.assertThat(t.tokenType()).as("exchange: token_type").isEqualTo(expected.get("token_type"));
        if (replica.has("expect_connection_data")) {
            Map<String, String> captured = new java.util.HashMap<>(t.connectionData());
            captured.remove(ConnectionConfigs.REDIRECT_URI); // checked below
            soft.assertThat(captured).as("exchange: connection data")
                    .isEqualTo(Replica.strings(replica.get("expect_connection_data")));
        }
        ReplicaQuirks.exchangeKeepsRedirectUri(soft, template, t.connectionData());
        return t;
    }

    /** The refresh token sent: the one the exchange gave, else a stand-in. */
    private static String sentRefreshToken(Replica replica) {
        String fromExchange = Replica.strings(replica.get("expect_tokens")).get("refresh_token");
        return fromExchange == null ? SENT_REFRESH : fromExchange;
    }

    private void refresh(SoftAssertions soft, Replica replica, ObjectNode template, ResolvedProvider resolved) {
        stub.answer(replica.get("refresh_response"));
        String sent = sentRefreshToken(replica);
        TokenResult result = tokens.refresh(new TokenRequestSpec(resolved, sent, CALLBACK));
        String refreshUrl = template.hasNonNull("refresh_url") ? template.get("refresh_url").asText()
                : template.path("token_url").asText();
        soft.assertThat(stub.paths()).as("refresh: requests")
                .containsExactly("POST " + replica.path(template, refreshUrl));
        soft.assertThat(stub.bodies()).as("refresh: grant sent").singleElement(STRING).contains("refresh_token")
                .contains(sent);
        ReplicaQuirks.tokenHeaders(soft, "refresh", template, stub.requests());
        ReplicaQuirks.refreshRedirectUri(soft, template, stub.bodies());
        if (!(result instanceof TokenResult.Success success)) {
            soft.fail("refresh: expected tokens, got " + describe(result));
            return;
        }
        TokenSet t = success.tokens();
        Map<String, String> expected = Replica.strings(replica.get("expect_refresh_tokens"));
        soft.assertThat(t.accessToken()).as("refresh: access_token").isEqualTo(expected.get("access_token"));
        soft.assertThat(t.refreshToken() != null ? t.refreshToken() : sent).as("refresh: refresh_token kept")
                .isEqualTo(expected.get("refresh_token"));
    }

    private void error(SoftAssertions soft, Replica replica, ResolvedProvider resolved) {
        JsonNode response = replica.get("error_response");
        stub.answer(response);
        TokenResult result = tokens.refresh(new TokenRequestSpec(resolved, sentRefreshToken(replica)));
        String got = result instanceof TokenResult.Failure f ? f.failureClass().name() : "SUCCESS";
        soft.assertThat(got).as("error: class of %s (%s)", response.path("body"), describe(result))
                .isEqualTo(response.path("expect").asText());
    }

    private void identify(SoftAssertions soft, Replica replica, ObjectNode template, ResolvedProvider resolved,
            TokenSet tokenSet) {
        if (tokenSet == null) {
            soft.fail("identity: not asked, the exchange gave no tokens");
            return;
        }
        stub.answer(replica.get("identity_response"));
        AccountIdentity account = identity.identify(resolved, tokenSet);
        String method = template.path("identity").path("method").asText("GET");
        soft.assertThat(stub.paths()).as("identity: requests").containsExactly(method + " "
                + replica.path(template, template.path("identity").path("url").asText()));
        ReplicaQuirks.jsonBody(soft, "identity", template.path("identity").get("body"), stub.requests());
        Map<String, String> expected = Replica.strings(replica.get("expect_account"));
        soft.assertThat(account.accountId()).as("identity: account_id").isEqualTo(expected.get("account_id"));
        if (expected.containsKey("account_email")) {
            soft.assertThat(account.accountEmail()).as("identity: account_email")
                    .isEqualTo(expected.get("account_email"));
        }
    }

    private static String describe(TokenResult result) {
        if (result instanceof TokenResult.Failure f) {
            return f.failureClass() + " " + f.code() + " (HTTP " + f.httpStatus() + "): " + f.description();
        }
        return "tokens";
    }
}
