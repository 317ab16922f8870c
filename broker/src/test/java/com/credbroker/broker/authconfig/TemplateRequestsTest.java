package com.credbroker.broker.authconfig;

import static com.credbroker.storage.authconfig.AuthConfigBuilder.anAuthConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.broker.domain.ProviderConfigException;
import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.testing.FakeProviders;
import com.credbroker.config.EgressAllowList;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.TemplateBinding;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How create and patch bodies set, change and drop a provider template binding; and the connection checks. */
class TemplateRequestsTest {
    static final Instant NOW = Instant.parse("2025-11-15T10:30:00Z");
    private final AuthConfigRequests requests = new AuthConfigRequests(false,
            EgressPolicy.enforcing(EgressAllowList.none(), HostResolver.withoutLookups()));
    private final ProviderChecks checks = new ProviderChecks(new FakeProviders());

    static AuthConfigRequest body(String provider, String tokenEndpoint, String authorizationEndpoint,
            Map<String, Object> overrides, Map<String, String> fields) {
        return new AuthConfigRequest(null, tokenEndpoint, authorizationEndpoint, null, "client", "secret-value", null,
                null, provider, overrides, fields);
    }

    @Test
    void settingAProviderOnAPlainConfigDropsItsEndpointsUnlessThePatchSendsThem() {
        AuthConfig plain = anAuthConfig().build();

        AuthConfig dropped = requests.applyPatch(plain, body("zendesk", null, null, null, null), Set.of("provider"), NOW);
        AuthConfig kept = requests.applyPatch(plain, body("zendesk", "https://acme.zendesk.example/token", null, null,
                null), Set.of("provider", "token_endpoint"), NOW);

        assertThat(dropped.template()).isEqualTo(new TemplateBinding("zendesk", Map.of(), Map.of()));
        assertThat(dropped.tokenEndpoint()).isNull();
        assertThat(dropped.authorizationEndpoint()).isNull();
        assertThat(dropped.clientSecret()).isEqualTo(plain.clientSecret());
        assertThat(kept.template().overrides()).containsExactly(
                Map.entry("token_url", "https://acme.zendesk.example/token"));
    }

    @Test
    void anEndpointPatchOnATemplatedConfigSetsOrRemovesItsOverrideAndKeepsTheRest() {
        AuthConfig templated = anAuthConfig().provider("zendesk", Map.of("scope_separator", ",",
                "authorization_url", "https://old.example/authorize"), Map.of("subdomain", "acme")).build();
        Map<String, Object> none = new HashMap<>();

        AuthConfig changed = requests.applyPatch(templated, body(null, "https://new.example/token", null, none, null),
                Set.of("token_endpoint", "authorization_endpoint"), NOW);

        assertThat(changed.template().overrides()).containsOnly(Map.entry("scope_separator", ","),
                Map.entry("token_url", "https://new.example/token"));
        assertThat(changed.template().connectionFields()).containsExactly(Map.entry("subdomain", "acme"));
        assertThat(changed.tokenEndpoint()).isNull();
    }

    @Test
    void aBadProviderNameOrAnEndpointGivenTwiceIsRefusedWithoutEchoingValues() {
        assertThatThrownBy(() -> requests.toNew(body("Zen Desk!", null, null, null, null), "ac_x", NOW))
                .isInstanceOf(ProviderConfigException.class).hasMessageNotContaining("Zen Desk!");
        assertThatThrownBy(() -> requests.toNew(body("zendesk", "https://a.example/t", null,
                Map.of("token_url", "https://b.example/t"), null), "ac_x", NOW))
                .isInstanceOf(ProviderConfigException.class).hasMessageContaining("not both")
                .hasMessageNotContaining("a.example");
        assertThatThrownBy(() -> requests.toNew(body("zendesk", "http://insecure.example/t", null, null, null),
                "ac_x", NOW)).isInstanceOf(ApiException.class);
    }

    @Test
    void connectionFieldsAreShapeCheckedAndAFixedFieldMayNotBeRepeatedPerConnection() {
        AuthConfig fixed = anAuthConfig().provider("zendesk", null, Map.of("subdomain", "acme")).build();

        assertThatThrownBy(() -> checks.requireConnectionConfig(fixed, Map.of("subdomain", "acme")))
                .isInstanceOfSatisfying(ProviderConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("connection_config.subdomain is fixed by the auth config (its"
                                + " connection_fields) and cannot be given per connection"));
        assertThatThrownBy(() -> checks.requireConnectionConfig(fixed, Map.of("bad key!", "x", "long", "y".repeat(1025))))
                .isInstanceOfSatisfying(ProviderConfigException.class, e -> assertThat(e.problems()).hasSize(2)
                        .noneMatch(p -> p.contains("bad key!") || p.contains("yyy")));
        checks.requireConnectionConfig(fixed, Map.of());
        checks.requireConnectionConfig(anAuthConfig().build(), Map.of("anything", "goes"));
    }

    @Test
    void connectionConfigInExtraDataMustBeAnObjectOfStrings() {
        assertThat(ProviderChecks.connectionConfigOf(Map.of())).isEmpty();
        assertThat(ProviderChecks.connectionConfigOf(Map.of("connection_config", Map.of("subdomain", "acme"))))
                .containsExactly(Map.entry("subdomain", "acme"));
        assertThatThrownBy(() -> ProviderChecks.connectionConfigOf(Map.of("connection_config", List.of("acme"))))
                .isInstanceOf(ProviderConfigException.class);
        assertThatThrownBy(() -> ProviderChecks.connectionConfigOf(Map.of("connection_config",
                Map.of("subdomain", 7)))).isInstanceOf(ProviderConfigException.class);
    }

    @Test
    void aLongProblemListIsCutInTheMessageButKeptWhole() {
        List<String> many = java.util.stream.IntStream.range(0, 25).mapToObj(i -> "problem " + i).toList();

        ProviderConfigException e = new ProviderConfigException(many);

        assertThat(e.problems()).hasSize(25);
        assertThat(e.getMessage()).startsWith("25 problems").contains("problem 19").doesNotContain("problem 20")
                .endsWith("and 5 more");
    }
}
