package com.credbroker.refresh.provider;

import static com.credbroker.refresh.provider.TemplateValidatorTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.credbroker.storage.authconfig.TemplateBinding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quirk fields of the template format: {@code token_headers}, {@code refresh_redirect_uri},
 * {@code scope_param}, {@code health_method}, {@code health_body} and {@code identity.body}: each rule, every
 * problem reported at once, and a valid template's quirks carried into its {@link ResolvedProvider}.
 */
class TemplateQuirksValidationTest {
    private final TemplateValidator validator = new TemplateValidator(false);

    private List<String> problems(JsonNode template) {
        return validator.problems("tenant.json", template, null);
    }

    private static ObjectNode quirky() throws IOException {
        ObjectNode t = read("tenant");
        t.putObject("token_headers").put("User-Agent", "server:tenant:v1");
        t.put("refresh_redirect_uri", true).put("scope_param", "user_scope").put("health_method", "POST");
        t.putObject("health_body").put("query", "{ viewer { id } }");
        ((ObjectNode) t.get("identity")).put("method", "POST").putObject("body").put("query", "{ me { id } }");
        return t;
    }

    @Test
    void acceptsEveryQuirkWellFormed() throws IOException {
        assertThat(problems(quirky())).isEmpty();
    }

    @Test
    void reportsEveryBadQuirkAtOnce() throws IOException {
        ObjectNode t = quirky();
        t.putObject("token_headers").put("Authorization", "Basic x").put("X-Two\nLines", "v").put("X-Empty", "");
        t.put("refresh_redirect_uri", "yes").put("scope_param", "redirect_uri").put("health_method", "PUT");
        t.put("health_body", "query=1");
        ((ObjectNode) t.get("identity")).put("method", "GET");

        assertThat(problems(t)).containsExactlyInAnyOrder(
                "tenant.json: token_headers.Authorization: is set by the broker and cannot be given here",
                "tenant.json: token_headers.X-Two\nLines: must be a header name with a one-line value",
                "tenant.json: token_headers.X-Empty: must be a header name with a one-line value",
                "tenant.json: refresh_redirect_uri: must be true or false",
                "tenant.json: scope_param: must be a parameter name the broker does not set itself (default scope)",
                "tenant.json: health_method: must be one of GET, POST",
                "tenant.json: health_body: must be a JSON object or array (sent as the request's JSON body)",
                "tenant.json: health_body: is sent only by a POST: health_method must be POST",
                "tenant.json: identity.body: is sent only by a POST: identity.method must be POST");
    }

    @Test
    void aScopeParamAlsoGivenAsAnAuthorizationParamIsRefused() throws IOException {
        ObjectNode t = quirky();
        ((ObjectNode) t.get("authorization_params")).put("user_scope", "users:read");

        assertThat(problems(t)).containsExactly("tenant.json: scope_param: is also given in authorization_params");
    }

    @Test
    void aHealthMethodNeedsAHealthEndpoint() throws IOException {
        ObjectNode t = quirky();
        t.remove(List.of("health_endpoint", "health_body"));

        assertThat(problems(t)).containsExactly("tenant.json: health_method: needs a health_endpoint");
    }

    @Test
    void tokenEndpointQuirksAreOnlyForOauth2() throws IOException {
        ObjectNode t = read("keyed");
        t.putObject("token_headers").put("User-Agent", "x");
        t.put("refresh_redirect_uri", true).put("scope_param", "user_scope");

        assertThat(problems(t)).contains("tenant.json: refresh_redirect_uri: only for auth_scheme OAUTH2",
                "tenant.json: scope_param: only for auth_scheme OAUTH2",
                "tenant.json: token_headers: only for auth_scheme OAUTH2");
    }

    @Test
    void aValidTemplatesQuirksReachTheResolvedProvider(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Files.writeString(dir.resolve("tenant.json"), quirky().toString());
        ProviderCatalogue catalogue = ProviderCatalogue.load(getClass().getClassLoader(), ProviderCatalogue.SHIPPED,
                java.util.Optional.of(dir), false);
        Instant now = Instant.parse("2026-12-03T00:00:00Z");
        AuthConfig config = new AuthConfig("ac_q", "q", null, null, null, "client", "secret",
                ClientAuthMethod.CLIENT_SECRET_POST, List.of(), null, now, now, 1,
                new TemplateBinding("tenant", Map.of(), Map.of()));

        ResolvedProvider p = new CatalogueResolver(catalogue).resolve(config, Map.of("subdomain", "acme"));

        assertThat(p.tokenHeaders()).isEqualTo(Map.of("User-Agent", "server:tenant:v1"));
        assertThat(p.refreshRedirectUri()).isTrue();
        assertThat(p.scopeParam()).isEqualTo("user_scope");
        assertThat(p.healthMethod()).isEqualTo("POST");
        assertThat(p.healthBody()).isEqualTo("{\"query\":\"{ viewer { id } }\"}");
        assertThat(p.identity().body()).isEqualTo("{\"query\":\"{ me { id } }\"}");
        assertThat(p.identity().method()).isEqualTo("POST");
        assertThat(p.tokenEndpoint()).isEqualTo(URI.create("https://acme.tenant.example/oauth/tokens"));
    }

    @Test
    void withoutQuirksTheDefaultsHold() {
        Instant now = Instant.parse("2026-12-03T00:00:00Z");
        ResolvedProvider p = ResolvedProvider.of(new AuthConfig("ac_p", "p", URI.create("https://idp.example/token"),
                null, null, "client", "secret", ClientAuthMethod.CLIENT_SECRET_BASIC, List.of(), null, now, now, 1));

        assertThat(p.tokenHeaders()).isEmpty();
        assertThat(p.refreshRedirectUri()).isFalse();
        assertThat(p.scopeParam()).isEqualTo("scope");
        assertThat(p.healthMethod()).isEqualTo("GET");
        assertThat(p.healthBody()).isNull();
    }
}
