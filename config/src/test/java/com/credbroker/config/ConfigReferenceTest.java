package com.credbroker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is generated from {@link ConfigTable}. After adding or changing a key,
 * regenerate it with {@code ./mvnw -B -pl config test -Dtest=ConfigReferenceTest -Dconfig.readme.write=true}.
 */
class ConfigReferenceTest {
    private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");
    private static final Pattern ROW_NAME = Pattern.compile("^\\| `(CREDBROKER_[A-Z_]+)`", Pattern.MULTILINE);

    @Test
    void readmeTableListsExactlyTheKeysOfTheTable() throws IOException {
        Matcher names = ROW_NAME.matcher(readmeTable());
        java.util.List<String> listed = new java.util.ArrayList<>();
        while (names.find()) {
            listed.add(names.group(1));
        }

        assertThat(listed).containsExactlyElementsOf(ConfigTable.all().stream().map(ConfigKey::envName).toList());
    }

    @Test
    void readmeTableIsTheOneGeneratedFromTheTable() throws IOException {
        String generated = ConfigReference.markdownTable();
        if (Boolean.getBoolean("config.readme.write")) {
            String readme = Files.readString(README, StandardCharsets.UTF_8);
            Files.writeString(README, readme.replace(readmeTable(), generated), StandardCharsets.UTF_8);
        }

        assertThat(readmeTable())
                .as("README.md's configuration table; regenerate it with -Dconfig.readme.write=true (see this test)")
                .isEqualTo(generated);
    }

    @Test
    void everyKeyIsDocumentedOnOneLine() {
        assertThat(ConfigTable.all()).allSatisfy(key -> assertThat(key.doc()).isNotBlank().doesNotContain("\n", "|"));
    }

    /** The text between the markers, without them. */
    private static String readmeTable() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(ConfigReference.BEGIN);
        int end = readme.indexOf(ConfigReference.END);
        assertThat(begin).as("README.md has the configuration table's markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        return readme.substring(begin + ConfigReference.BEGIN.length() + 1, end);
    }
}
