package com.credbroker.refresh.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.config.ConfigException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading shipped templates (from a folder and from a jar) and the operator's file, with its merge rules. */
class ProviderCatalogueTest {
    static final String DIR = "test-providers";

    @TempDir
    Path tmp;

    static ProviderCatalogue testCatalogue() {
        return ProviderCatalogue.load(ProviderCatalogueTest.class.getClassLoader(), DIR, Optional.empty(), false);
    }

    @Test
    void loadsEveryTemplateOfAResourceFolder() {
        ProviderCatalogue catalogue = testCatalogue();

        assertThat(catalogue.all()).extracting(ProviderTemplate::name)
                .containsExactly("captured", "keyed", "pathy", "tenant");
        assertThat(catalogue.find("tenant").orElseThrow().connectionFields().get("subdomain").example()).isEqualTo("acme");
        assertThat(catalogue.find("nope")).isEmpty();
    }

    @Test
    void loadsTemplatesFromInsideAJar() throws IOException {
        Path jar = tmp.resolve("broker.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("jarred/"));
            out.putNextEntry(new JarEntry("jarred/keyed.json"));
            out.write(Files.readAllBytes(resource("keyed.json")));
            out.putNextEntry(new JarEntry("jarred/notes.txt"));
            out.putNextEntry(new JarEntry("jarred/nested/tenant.json"));
            out.write(Files.readAllBytes(resource("tenant.json")));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ProviderCatalogue catalogue = ProviderCatalogue.load(loader, "jarred", Optional.empty(), false);

            assertThat(catalogue.all()).extracting(ProviderTemplate::name).containsExactly("keyed");
        }
    }

    @Test
    void anOperatorEntryOverridesAShippedOneFieldByField() throws IOException {
        Path file = write("ops.json", """
                {"name": "tenant", "display_name": "Tenant (EU)",
                 "authorization_params": {"prompt": "consent", "access_type": null},
                 "token_response": {"refresh_token": "authed_user.refresh_token"},
                 "connection_fields": {"region": {"pattern": "eu|us"}},
                 "token_url": "https://{subdomain}.{region}.tenant.example/oauth/tokens"}
                """);

        ProviderTemplate t = load(file, false).find("tenant").orElseThrow();

        assertThat(t.displayName()).isEqualTo("Tenant (EU)");
        assertThat(t.authorizationParams()).containsExactly(java.util.Map.entry("prompt", "consent"));
        assertThat(t.tokenResponse().accessToken()).isEqualTo("authed_user.access_token");
        assertThat(t.tokenResponse().refreshToken()).isEqualTo("authed_user.refresh_token");
        assertThat(t.connectionFields()).containsOnlyKeys("subdomain", "region");
        assertThat(t.tokenUrl()).isEqualTo("https://{subdomain}.{region}.tenant.example/oauth/tokens");
        assertThat(t.baseUrl()).isEqualTo("https://{subdomain}.tenant.example/api/v2");
        assertThat(t.docs()).containsExactly("https://docs.example.com/oauth");
    }

    @Test
    void anOperatorArrayAddsNewCompleteEntries() throws IOException {
        Path file = write("ops.json", "[" + Files.readString(resource("keyed.json")).replace("\"keyed\"", "\"mine\"")
                + ", {\"name\": \"keyed\", \"health_endpoint\": \"/me\"}]");

        ProviderCatalogue catalogue = load(file, false);

        assertThat(catalogue.all()).extracting(ProviderTemplate::name).contains("mine", "keyed", "tenant");
        assertThat(catalogue.find("keyed").orElseThrow().healthEndpoint()).isEqualTo("/me");
    }

    @Test
    void anOperatorDirectoryIsReadFileByFile() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("providers.d"));
        Files.writeString(dir.resolve("a.json"), "{\"name\": \"tenant\", \"display_name\": \"A\"}");
        Files.writeString(dir.resolve("b.json"), "{\"name\": \"pathy\", \"display_name\": \"B\"}");
        Files.writeString(dir.resolve("readme.txt"), "not a template");

        ProviderCatalogue catalogue = load(dir, false);

        assertThat(catalogue.find("tenant").orElseThrow().displayName()).isEqualTo("A");
        assertThat(catalogue.find("pathy").orElseThrow().displayName()).isEqualTo("B");
    }

    @Test
    void httpOperatorUrlsNeedTheInsecureSwitch() throws IOException {
        Path file = write("ops.json", "{\"name\": \"keyed\", \"base_url\": \"http://127.0.0.1:8089/v1\"}");

        assertThatThrownBy(() -> load(file, false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("(overriding shipped keyed): base_url: must be an absolute https URL with a host");
        assertThat(load(file, true).find("keyed").orElseThrow().baseUrl()).isEqualTo("http://127.0.0.1:8089/v1");
    }

    @Test
    void reportsEveryProblemOfEveryOperatorFileTogether() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("bad"));
        Files.writeString(dir.resolve("broken.json"), "{\"name\": ");
        Files.writeString(dir.resolve("incomplete.json"), "{\"name\": \"brand-new\", \"auth_scheme\": \"BASIC\"}");
        Files.writeString(dir.resolve("override.json"), "[{\"name\": \"tenant\", \"pkce\": \"sometimes\", \"x\": 1},"
                + " {\"display_name\": \"no name\"}, {\"name\": \"tenant\"}]");

        assertThatThrownBy(() -> load(dir, false)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactlyInAnyOrder(
                        dir.resolve("broken.json") + ": not valid JSON (line 1, column 10)",
                        dir.resolve("incomplete.json") + ": display_name: is required",
                        dir.resolve("incomplete.json") + ": docs: is required",
                        dir.resolve("override.json") + "[0] (overriding shipped tenant): x: unknown field",
                        dir.resolve("override.json") + "[0] (overriding shipped tenant): pkce: must be one of required,"
                                + " optional, off",
                        dir.resolve("override.json") + "[1]: name: is required (every operator entry names the"
                                + " template it adds or overrides)",
                        dir.resolve("override.json") + "[2]: name: tenant is already given in "
                                + dir.resolve("override.json") + "[0]"));
    }

    @Test
    void aMissingOperatorPathIsAProblem() {
        Path missing = tmp.resolve("nope.json");

        assertThatThrownBy(() -> load(missing, false)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly("CREDBROKER_PROVIDERS_FILE: " + missing + " does not exist"));
    }

    @Test
    void theCatalogueCannotBeChangedAfterLoading() {
        ProviderCatalogue catalogue = testCatalogue();
        catalogue.json("tenant").orElseThrow().put("display_name", "changed");

        assertThat(catalogue.find("tenant").orElseThrow().displayName()).isEqualTo("Tenant Desk");
        assertThatThrownBy(() -> catalogue.all().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalogue.find("tenant").orElseThrow().headers().put("a", "b"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theJsonViewIsTheTemplateWithoutAbsentFields() {
        var json = testCatalogue().json("keyed").orElseThrow();

        assertThat(json.get("api_auth").get("name").asText()).isEqualTo("x-api-key");
        assertThat(json.has("token_url")).isFalse();
        assertThat(json.get("display_name").asText()).isEqualTo("Keyed API");
    }

    private ProviderCatalogue load(Path operator, boolean insecure) {
        return ProviderCatalogue.load(getClass().getClassLoader(), DIR, Optional.of(operator), insecure);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Path resource(String name) {
        try {
            return Path.of(ProviderCatalogueTest.class.getResource("/" + DIR + "/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

}
