package com.credbroker.broker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and {@code docs/} are all a user of the project has: every link and every repository path they
 * name must exist inside the repository, and none may point outside it.
 */
class DocumentationLinksTest {

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final Pattern NAMED_DOC = Pattern.compile("`((?:docs|bench|docker)/[\\w./-]+\\.(?:md|sh|yml))`");

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void readmeAndDocsNeverPointOutsideTheRepository() throws IOException {
        for (Path page : pages()) {
            String text = Files.readString(page);
            assertThat(text).as(page + " names a path outside the repository").doesNotContain("../shared");
            for (String target : links(text)) {
                assertThat(target).as("link in " + page).doesNotStartWith("..");
            }
        }
    }

    @Test
    void everyRelativeLinkAndNamedPathResolvesToAFile() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path page : pages()) {
            String text = Files.readString(page);
            for (String target : links(text)) {
                if (!target.contains("://") && !Files.exists(page.getParent().resolve(target).normalize())) {
                    missing.add(ROOT.relativize(page) + " -> " + target);
                }
            }
            Matcher named = NAMED_DOC.matcher(text);
            while (named.find()) {
                if (!Files.exists(ROOT.resolve(named.group(1)))) {
                    missing.add(ROOT.relativize(page) + " names " + named.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theReadmeLinksTheDesignAndContributingPages() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains("(docs/DESIGN.md)", "(docs/ARCHITECTURE.md)", "(docs/CONTRIBUTING.md)");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("bench/README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertThat(pages).allMatch(Files::isRegularFile);
        return pages;
    }

    private static List<String> links(String text) {
        List<String> links = new ArrayList<>();
        Matcher link = MARKDOWN_LINK.matcher(text);
        while (link.find()) {
            links.add(link.group(1));
        }
        return links;
    }
}
