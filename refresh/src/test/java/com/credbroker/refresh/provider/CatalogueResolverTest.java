package com.credbroker.refresh.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.refresh.provider.ResolvedProvider.ApiAuth;
import com.credbroker.refresh.provider.ResolvedProvider.LifetimeUnit;
import com.credbroker.refresh.provider.ResolvedProvider.Pkce;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.credbroker.storage.authconfig.TemplateBinding;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Auth config + template + overrides + connection fields -> one resolved provider, or problems by field. */
class CatalogueResolverTest {
    private static final String SECRET = "canary-client-secret-7f3a";
    private final CatalogueResolver resolver = new CatalogueResolver(ProviderCatalogueTest.testCatalogue());

    static AuthConfig config(TemplateBinding binding, ClientAuthMethod method, List<String> scopes) {
        Instant now = Instant.parse("2026-12-03T00:00:00Z");
        return new AuthConfig("ac_1", "app", null, null, null, "client-1", method == ClientAuthMethod.NONE ? null
                : SECRET, method, scopes, null, now, now, 1, binding);
    }

    static AuthConfig config(String provider, Map<String, Object> overrides, Map<String, String> fields) {
        return config(new TemplateBinding(provider, overrides, fields), ClientAuthMethod.CLIENT_SECRET_BASIC, List.of());
    }

    @Test
    void aConfigWithoutTemplateKeepsItsOwnEndpoints() {
        Instant now = Instant.now();
        AuthConfig plain = new AuthConfig("ac_2", "app", URI.create("https://idp.example/token"), null, null, "c", "s",
                ClientAuthMethod.CLIENT_SECRET_BASIC, List.of("a"), null, now, now, 1);

        assertThat(resolver.resolve(plain, Map.of())).isEqualTo(ResolvedProvider.of(plain));
        assertThat(resolver.problems(plain, Map.of(), true)).isEmpty();
    }

    @Test
    void fillsEveryUrlFromTheConnectionFields() {
        ResolvedProvider p = resolver.resolve(config("tenant", Map.of(), Map.of()), Map.of("subdomain", "acme"));

        assertThat(p.provider()).isEqualTo("tenant");
        assertThat(p.authorizationEndpoint()).hasToString("https://acme.tenant.example/oauth/authorizations/new");
        assertThat(p.tokenEndpoint()).hasToString("https://acme.tenant.example/oauth/tokens");
        assertThat(p.refreshEndpoint()).isEqualTo(p.tokenEndpoint());
        assertThat(p.revocationEndpoint()).hasToString("https://acme.tenant.example/oauth/revoke");
        assertThat(p.baseUrl()).isEqualTo("https://acme.tenant.example/api/v2");
        assertThat(p.healthEndpoint()).isEqualTo("/users/me.json");
        assertThat(p.identity().method()).isEqualTo("GET");
        assertThat(p.identity().accountEmail()).isEqualTo("user.email");
    }

    @Test
    void appliesTheTemplateAndItsDefaults() {
        ResolvedProvider p = resolver.resolve(config("tenant", Map.of(), Map.of("subdomain", "acme")), Map.of());

        assertThat(p.clientId()).isEqualTo("client-1");
        assertThat(p.clientAuthMethod()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_POST);
        assertThat(p.scopeSeparator()).isEqualTo(",");
        assertThat(p.defaultScopes()).containsExactly("read");
        assertThat(p.authorizationParams()).containsExactly(Map.entry("access_type", "offline"));
        assertThat(p.pkce()).isEqualTo(Pkce.OPTIONAL);
        assertThat(p.tokenResponse().accessToken()).isEqualTo("authed_user.access_token");
        assertThat(p.tokenResponse().refreshToken()).isEqualTo("refresh_token");
        assertThat(p.tokenResponse().tokenTypes()).containsExactly(Map.entry("bot", "Bearer"));
        assertThat(p.apiAuth()).isEqualTo(ApiAuth.BEARER);
        assertThat(p.headers()).containsExactly(Map.entry("X-Api-Version", "2"));
        assertThat(p.rotatesRefreshTokens()).isFalse();
        assertThat(p.toString()).doesNotContain(SECRET);
    }

    @Test
    void theAuthConfigsScopesWinOverTheTemplateDefaults() {
        AuthConfig c = config(new TemplateBinding("tenant", Map.of(), Map.of("subdomain", "acme")),
                ClientAuthMethod.CLIENT_SECRET_BASIC, List.of("write"));

        assertThat(resolver.resolve(c, Map.of()).defaultScopes()).containsExactly("write");
    }

    @Test
    void aPublicClientStaysPublicUnlessItsOverridesSayOtherwise() {
        AuthConfig publicClient = config(new TemplateBinding("tenant", Map.of(), Map.of("subdomain", "a")),
                ClientAuthMethod.NONE, List.of());

        ResolvedProvider p = resolver.resolve(publicClient, Map.of());

        assertThat(p.clientAuthMethod()).isEqualTo(ClientAuthMethod.NONE);
        assertThat(p.clientSecret()).isNull();
    }

    @Test
    void overridesReplaceAndMergeTemplateFields() {
        ResolvedProvider p = resolver.resolve(config("tenant", Map.of("client_authentication", "client_secret_basic",
                "authorization_params", Map.of("prompt", "consent"), "scope_separator", " ",
                "token_response", Map.of("expires_in_unit", "milliseconds")), Map.of()), Map.of("subdomain", "acme"));

        assertThat(p.clientAuthMethod()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_BASIC);
        assertThat(p.clientSecret()).isEqualTo(SECRET);
        assertThat(p.authorizationParams()).containsOnly(Map.entry("access_type", "offline"), Map.entry("prompt", "consent"));
        assertThat(p.scopeSeparator()).isEqualTo(" ");
        assertThat(p.tokenResponse().expiresInUnit()).isEqualTo(LifetimeUnit.MILLISECONDS);
        assertThat(p.tokenResponse().accessToken()).isEqualTo("authed_user.access_token");
    }

    @Test
    void refusesUnknownAndInvalidOverridesWithEveryProblem() {
        AuthConfig c = config("tenant", Map.of("tokenUrl", "x", "name", "other", "pkce", "never",
                "token_url", "http://{subdomain}.tenant.example/t"), Map.of());

        assertThat(resolver.problems(c, Map.of(), false)).containsExactlyInAnyOrder(
                "provider_overrides.tokenUrl: not a template field",
                "provider_overrides.name: cannot be overridden (choose another provider)",
                "provider_overrides: pkce: must be one of required, optional, off",
                "provider_overrides: token_url: must be an absolute https URL with a host");
        assertThatThrownBy(() -> resolver.resolve(c, Map.of("subdomain", "acme")))
                .isInstanceOf(ProviderException.class).hasMessageContaining("provider_overrides.tokenUrl");
    }

    @Test
    void requiredPkceCannotBeTurnedOff() {
        AuthConfig off = config("pathy", Map.of("pkce", "off"), Map.of());
        AuthConfig optional = config("pathy", Map.of("pkce", "optional"), Map.of());

        assertThat(resolver.problems(off, Map.of(), false))
                .containsExactly("provider_overrides.pkce: the provider requires PKCE; it cannot be turned off");
        assertThat(resolver.problems(optional, Map.of(), false)).as("optional still sends PKCE").isEmpty();
        assertThat(resolver.resolve(config("pathy", Map.of(), Map.of("tenant", "contoso.example")), Map.of()).pkce())
                .isEqualTo(Pkce.REQUIRED);
    }

    @Test
    void anUnknownProviderIsAProblem() {
        assertThat(resolver.problems(config("nope", Map.of(), Map.of()), Map.of(), false))
                .containsExactly("provider: no provider template is named nope");
    }

    @Test
    void missingConnectionFieldsAreProblemsOnlyForAConnection() {
        AuthConfig c = config("tenant", Map.of(), Map.of());

        assertThat(resolver.problems(c, Map.of(), false)).isEmpty();
        assertThat(resolver.problems(c, Map.of(), true)).containsExactly("connection_fields.subdomain: is required (e.g. acme)");
        assertThatThrownBy(() -> resolver.resolve(c, Map.of())).isInstanceOf(ProviderException.class)
                .hasMessage("connection_fields.subdomain: is required (e.g. acme)");
    }

    @Test
    void refusesFieldValuesThatCouldMoveTheUrlWithoutEchoingThem() {
        AuthConfig c = config("tenant", Map.of(), Map.of());
        for (String evil : List.of("evil.com/", "a@b", "%2F", "..", "a b", "x:1", "evil.com#", "a\\b", "",
                "ａｃｍｅ", "acme\u3002evil", "acme\uFF0Eevil", "ACME")) {
            assertThat(resolver.problems(c, Map.of("subdomain", evil), true)).as(evil).singleElement()
                    .satisfies(p -> assertThat(p).startsWith("connection_fields.subdomain: ")
                            .doesNotContain(evil.isEmpty() ? "\u0000" : evil));
        }
    }

    @Test
    void fieldsFixedByTheAuthConfigCannotBeChangedByAConnection() {
        AuthConfig c = config("tenant", Map.of(), Map.of("subdomain", "acme"));

        assertThat(resolver.problems(c, Map.of("subdomain", "acme"), true)).isEmpty();
        assertThat(resolver.problems(c, Map.of("subdomain", "other"), true))
                .containsExactly("connection_fields.subdomain: is fixed by the auth config");
        assertThat(resolver.problems(config("tenant", Map.of(), Map.of("region", "eu")), Map.of(), false))
                .containsExactly("connection_fields.region: not a connection field of provider tenant");
    }

    @Test
    void aCapturedInstanceUrlFillsTheBaseUrlLater() {
        AuthConfig c = config("captured", Map.of(), Map.of());

        ResolvedProvider atConnect = resolver.resolve(c, Map.of());
        ResolvedProvider later = resolver.resolve(c, Map.of("instance_url", "https://na1.captured.example/"));

        assertThat(atConnect.baseUrl()).isEqualTo("{instance_url}/services/data/v59.0");
        assertThat(atConnect.baseUrlFor(Map.of("instance_url", "https://na1.captured.example")))
                .isEqualTo("https://na1.captured.example/services/data/v59.0");
        assertThat(later.baseUrl()).isEqualTo("https://na1.captured.example/services/data/v59.0");
        assertThat(later.connectionData()).containsExactly(Map.entry("instance_url", "instance_url"));
        assertThat(later.tokenResponse().defaultLifetimeSeconds()).isEqualTo(7200L);
    }

    @Test
    void aCapturedInstanceUrlMustBeHttpsWithoutUserInfo() {
        AuthConfig c = config("captured", Map.of(), Map.of());
        ResolvedProvider p = resolver.resolve(c, Map.of());

        for (String bad : List.of("http://na1.captured.example", "https://user:pw@na1.example", "javascript:alert(1)",
                "na1.captured.example", "https://na1.example/?x=1", "https://na1.example/../admin")) {
            assertThat(resolver.problems(c, Map.of("instance_url", bad), true)).as(bad).singleElement()
                    .satisfies(text -> assertThat(text).startsWith("connection_config.instance_url: ").doesNotContain(bad));
            assertThatThrownBy(() -> p.baseUrlFor(Map.of("instance_url", bad))).as(bad)
                    .isInstanceOf(ProviderException.class);
        }
        assertThatThrownBy(() -> p.baseUrlFor(Map.of())).isInstanceOf(ProviderException.class)
                .hasMessage("base_url needs instance_url, which the connection does not have");
        assertThat(p.baseUrlFor(Map.of("instance_url", "http://127.0.0.1:8089"), true))
                .isEqualTo("http://127.0.0.1:8089/services/data/v59.0");
    }

    @Test
    void apiKeyTemplatesSendTheKeyTheirWay() {
        ResolvedProvider p = resolver.resolve(config("keyed", Map.of(), Map.of()), Map.of());

        assertThat(p.apiAuth()).isEqualTo(new ApiAuth(ApiAuth.Placement.HEADER, "x-api-key", ""));
        assertThat(p.baseUrl()).isEqualTo("https://api.keyed.example/v1");
        assertThat(p.tokenEndpoint()).isNull();
    }

    @Test
    void aTenantInThePathStaysInThePath() {
        ResolvedProvider p = resolver.resolve(config("pathy", Map.of(), Map.of()), Map.of("tenant", "contoso.example"));

        assertThat(p.tokenEndpoint()).hasToString("https://login.pathy.example/contoso.example/oauth2/token");
        assertThat(resolver.problems(config("pathy", Map.of(), Map.of()), Map.of("tenant", ".."), true)).hasSize(1);
    }
}
