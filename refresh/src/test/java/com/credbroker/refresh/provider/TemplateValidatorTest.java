package com.credbroker.refresh.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rule of the template format, and one that every problem of a template is reported at once. */
class TemplateValidatorTest {
    private final TemplateValidator validator = new TemplateValidator(false);

    @Test
    void acceptsTheTestTemplates() throws IOException {
        for (String name : List.of("tenant", "pathy", "captured", "keyed")) {
            assertThat(validator.problems(name + ".json", read(name), name)).as(name).isEmpty();
        }
    }

    @Test
    void refusesUnknownFieldsAtEveryLevel() throws IOException {
        ObjectNode t = read("tenant");
        t.put("token_uri", "https://x.example/token");
        ((ObjectNode) t.get("token_response")).put("acess_token", "a");
        ((ObjectNode) t.get("identity")).put("verb", "GET");

        assertThat(problems(t)).contains("tenant.json: token_uri: unknown field",
                "tenant.json: token_response.acess_token: unknown field", "tenant.json: identity.verb: unknown field");
    }

    @Test
    void requiresNameDisplayNameDocsAndAuthScheme() throws IOException {
        ObjectNode t = read("keyed");
        t.remove(List.of("name", "display_name", "docs", "auth_scheme"));

        assertThat(problems(t)).contains("tenant.json: name: is required", "tenant.json: display_name: is required",
                "tenant.json: docs: is required", "tenant.json: auth_scheme: is required");
    }

    @Test
    void nameMustBeTheFileName() throws IOException {
        assertThat(validator.problems("providers/other.json", read("tenant"), "other"))
                .containsExactly("providers/other.json: name: must equal the file name (other.json)");
    }

    @Test
    void nameMustBeLowerCaseWordsWithDashes() throws IOException {
        ObjectNode t = read("tenant").put("name", "Tenant_Desk");

        assertThat(problems(t)).contains("tenant.json: name: must match [a-z0-9][a-z0-9-]{0,62}");
    }

    @Test
    void authSchemeMustBeKnown() throws IOException {
        assertThat(problems(read("keyed").put("auth_scheme", "OAUTH1")))
                .contains("tenant.json: auth_scheme: must be one of OAUTH2, API_KEY, BASIC, BEARER_TOKEN");
    }

    @Test
    void endpointUrlsMustBeHttps() throws IOException {
        ObjectNode t = read("tenant").put("token_url", "http://{subdomain}.tenant.example/oauth/tokens");

        assertThat(problems(t)).containsExactly("tenant.json: token_url: must be an absolute https URL with a host");
        assertThat(new TemplateValidator(true).problems("tenant.json", t, null)).isEmpty();
    }

    @Test
    void urlsMayNotCarryUserInfoOrFragments() throws IOException {
        ObjectNode t = read("tenant").put("token_url", "https://user@{subdomain}.tenant.example/oauth/tokens#x");

        assertThat(problems(t)).containsExactly("tenant.json: token_url: must not have user info or a fragment");
    }

    @Test
    void placeholdersMustNameAConnectionField() throws IOException {
        ObjectNode t = read("tenant").put("token_url", "https://{region}.tenant.example/oauth/tokens");

        assertThat(problems(t)).containsExactly("tenant.json: token_url: placeholder {region} names no connection field");
    }

    @Test
    void placeholdersMayNotStandInTheScheme() throws IOException {
        ObjectNode t = read("tenant").put("token_url", "{subdomain}://tenant.example/oauth/tokens");

        assertThat(problems(t)).containsExactly(
                "tenant.json: token_url: must be an absolute https URL (no placeholder in the scheme)");
    }

    @Test
    void malformedPlaceholdersAreRefused() throws IOException {
        ObjectNode t = read("tenant").put("token_url", "https://{subdomain.tenant.example/oauth/tokens");

        assertThat(problems(t)).containsExactly(
                "tenant.json: token_url: has a malformed placeholder (use {field_name})");
    }

    @Test
    void connectionFieldPatternsMustCompileAndExamplesMatch() throws IOException {
        ObjectNode t = read("tenant");
        ObjectNode field = (ObjectNode) t.get("connection_fields").get("subdomain");
        field.put("pattern", "[a-z");
        ObjectNode pathy = read("pathy");
        ((ObjectNode) pathy.get("connection_fields").get("tenant")).put("example", "a/b");

        assertThat(problems(t)).contains("tenant.json: connection_fields.subdomain.pattern: is not a valid regular expression");
        assertThat(problems(pathy)).containsExactly(
                "tenant.json: connection_fields.tenant.example: must match the pattern and be a safe URL part");
    }

    @Test
    void oauth2NeedsATokenUrlOrIssuerAndTheRotationFlag() throws IOException {
        ObjectNode t = read("pathy");
        t.remove(List.of("token_url", "refresh_token_rotation"));

        assertThat(problems(t)).containsExactly("tenant.json: token_url: is required for OAUTH2 unless issuer is given",
                "tenant.json: refresh_token_rotation: is required for OAUTH2");
        t.put("issuer", "https://login.pathy.example/{tenant}/v2.0").put("refresh_token_rotation", true);
        assertThat(problems(t)).isEmpty();
    }

    @Test
    void oauth2FieldsAreRefusedOnOtherSchemes() throws IOException {
        ObjectNode t = read("keyed").put("token_url", "https://api.keyed.example/token");

        assertThat(problems(t)).containsExactly("tenant.json: token_url: only for auth_scheme OAUTH2");
    }

    @Test
    void apiKeyNeedsApiAuth() throws IOException {
        ObjectNode t = read("keyed");
        t.remove("api_auth");

        assertThat(problems(t)).containsExactly("tenant.json: api_auth: is required for API_KEY (how the key is sent)");
        t.putObject("api_auth").put("in", "body").put("name", "k");
        assertThat(problems(t)).containsExactly("tenant.json: api_auth.in: must be one of header, query");
    }

    @Test
    void docsMustBeHttpsLinks() throws IOException {
        ObjectNode t = read("keyed");
        t.putArray("docs").add("http://docs.example.com/keyed").add("see the docs");
        ObjectNode empty = read("keyed");
        empty.putArray("docs");

        assertThat(problems(t)).containsExactly("tenant.json: docs[0]: must be an absolute https URL",
                "tenant.json: docs[1]: must be an absolute https URL");
        assertThat(problems(empty)).containsExactly("tenant.json: docs: must list at least one https URL");
        t.putArray("docs").add("https://developers.example.com/docs/api/users/#tag/users/GET/users/{userId}");
        assertThat(problems(t)).as("a fragment may hold anything printable").isEmpty();
    }

    @Test
    void enumeratedValuesMustBeKnown() throws IOException {
        ObjectNode t = read("tenant").put("pkce", "maybe").put("client_authentication", "private_key_jwt")
                .put("token_request_format", "xml");

        assertThat(problems(t)).containsExactlyInAnyOrder("tenant.json: pkce: must be one of required, optional, off",
                "tenant.json: client_authentication: must be one of client_secret_basic, client_secret_post, none",
                "tenant.json: token_request_format: must be one of form, json");
    }

    @Test
    void relativeApiPathsNeedABaseUrl() throws IOException {
        ObjectNode t = read("keyed");
        t.remove("base_url");

        assertThat(problems(t)).containsExactly("tenant.json: health_endpoint: is relative, so the template needs a base_url");
    }

    @Test
    void aCapturedUrlMayOnlyStartTheBaseUrl() throws IOException {
        ObjectNode t = read("captured").put("base_url", "https://api.example/{instance_url}");
        ObjectNode glued = read("captured").put("base_url", "{instance_url}.evil.example/x");

        assertThat(problems(t)).isEmpty(); // as a host-safe part it is allowed
        assertThat(problems(glued)).containsExactly(
                "tenant.json: base_url: a captured URL {instance_url} must be followed by a path or nothing");
    }

    @Test
    void tokenResponsePathsAndLifetimeAreChecked() throws IOException {
        ObjectNode t = read("captured");
        ((ObjectNode) t.get("token_response")).put("access_token", "a..b").put("default_lifetime_seconds", -5)
                .put("expires_in_unit", "hours");

        assertThat(problems(t)).containsExactlyInAnyOrder(
                "tenant.json: token_response.access_token: must be a dot path such as authed_user.access_token",
                "tenant.json: token_response.default_lifetime_seconds: must be a positive whole number",
                "tenant.json: token_response.expires_in_unit: must be one of seconds, milliseconds");
    }

    @Test
    void brokerOwnedAuthorizationParametersCannotBeSet() throws IOException {
        ObjectNode t = read("tenant");
        ((ObjectNode) t.get("authorization_params")).put("redirect_uri", "https://evil.example/cb");

        assertThat(problems(t)).containsExactly(
                "tenant.json: authorization_params.redirect_uri: is set by the broker and cannot be given here");
    }

    @Test
    void wrongTypesAreReportedNotThrown() throws IOException {
        ObjectNode t = read("tenant").put("refresh_token_rotation", "no").put("default_scopes", "read");
        t.putArray("headers");

        assertThat(problems(t)).containsExactlyInAnyOrder("tenant.json: refresh_token_rotation: must be true or false",
                "tenant.json: default_scopes: must be an array of strings", "tenant.json: headers: must be a JSON object");
    }

    @Test
    void reportsEveryProblemOfATemplateAtOnce() throws IOException {
        ObjectNode t = read("tenant").put("name", "BAD").put("token_url", "http://x.example/t").put("pkce", "no");
        t.remove("display_name");
        t.put("surprise", 1);

        assertThat(validator.problems("tenant.json", t, "tenant")).containsExactlyInAnyOrder(
                "tenant.json: surprise: unknown field", "tenant.json: name: must match [a-z0-9][a-z0-9-]{0,62}",
                "tenant.json: display_name: is required", "tenant.json: token_url: must be an absolute https URL with a host",
                "tenant.json: pkce: must be one of required, optional, off");
    }

    @Test
    void aTemplateMustBeAnObject() throws IOException {
        JsonNode array = TemplateJson.parse("[1]");

        assertThat(validator.problems("x.json", array, "x")).containsExactly("x.json: (template): must be a JSON object");
    }

    private List<String> problems(JsonNode template) {
        return validator.problems("tenant.json", template, null);
    }

    static ObjectNode read(String name) throws IOException {
        try (InputStream in = TemplateValidatorTest.class.getResourceAsStream("/test-providers/" + name + ".json")) {
            return (ObjectNode) TemplateJson.MAPPER.readTree(in);
        }
    }
}
