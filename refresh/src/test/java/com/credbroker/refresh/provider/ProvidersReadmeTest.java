package com.credbroker.refresh.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.config.RefreshConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's provider list is generated from the shipped catalogue. After adding or changing a template,
 * regenerate it with {@code ./mvnw -B -pl refresh -am test -Dtest=ProvidersReadmeTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dproviders.readme.write=true}.
 */
class ProvidersReadmeTest {
    private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");

    @Test
    void readmeListIsTheOneGeneratedFromTheShippedCatalogue() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(ProviderReference.BEGIN);
        int end = readme.indexOf(ProviderReference.END);
        if (begin < 0 || end < begin) {
            return; // a README without the markers has no generated list to keep in step
        }
        String listed = readme.substring(begin + ProviderReference.BEGIN.length() + 1, end);
        String generated = ProviderReference.markdownTable(ProviderCatalogue.load(RefreshConfig.defaults()));
        if (Boolean.getBoolean("providers.readme.write")) {
            Files.writeString(README, readme.substring(0, begin + ProviderReference.BEGIN.length() + 1) + generated
                    + readme.substring(end), StandardCharsets.UTF_8);
            listed = generated;
        }

        assertThat(listed).as("README.md's provider list; regenerate it with -Dproviders.readme.write=true (see this"
                + " test)").isEqualTo(generated);
    }

    @Test
    void theTableHasOneRowPerTemplateWithItsSources() {
        ProviderCatalogue catalogue = ProviderCatalogueTest.testCatalogue();

        assertThat(ProviderReference.markdownTable(catalogue)).isEqualTo("""
                | provider | name | scheme | written from |
                | --- | --- | --- | --- |
                | `captured` | Captured instance | OAUTH2 | [docs.example.com](https://docs.example.com/captured) |
                | `keyed` | Keyed API | API_KEY | [docs.example.com](https://docs.example.com/keyed) |
                | `pathy` | Pathy (tenant in the path) | OAUTH2 | [docs.example.com](https://docs.example.com/pathy) |
                | `tenant` | Tenant Desk | OAUTH2 | [docs.example.com](https://docs.example.com/oauth) |
                """);
    }
}
