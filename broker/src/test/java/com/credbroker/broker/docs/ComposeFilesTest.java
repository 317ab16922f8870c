package com.credbroker.broker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compose files give every broker node the public base URL a browser reaches it at (its published
 * API port), since the OAuth callback is built from it; and say they need Compose v2. Read as text: the
 * build has no YAML parser, and the files keep one service block per node.
 */
class ComposeFilesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern SERVICE = Pattern.compile("(?m)^  ([a-z0-9-]+):\\n((?:(?:    .*)?\\n)+)");
    private static final Pattern PUBLISHED = Pattern.compile("\"127\\.0\\.0\\.1:(\\d+):8080\"");
    private static final Pattern PUBLIC_URL = Pattern.compile(
            "CREDBROKER_PUBLIC_BASE_URL: \\$\\{CREDBROKER_PUBLIC_BASE_URL:-http://127\\.0\\.0\\.1:(\\d+)}");

    @Test
    void everyNodeDefaultsToThePublicBaseUrlOfItsPublishedPort() throws IOException {
        Map<String, String> single = nodes("docker/compose.single.yml");
        Map<String, String> cluster = nodes("docker/compose.cluster.yml");
        assertThat(single).containsOnlyKeys("credbroker");
        assertThat(cluster).containsOnlyKeys("node-a", "node-b");
        assertThat(cluster.values()).doesNotHaveDuplicates();
    }

    @Test
    void bothFilesSayTheyNeedComposeV2() throws IOException {
        for (String file : new String[] {"docker/compose.single.yml", "docker/compose.cluster.yml"}) {
            assertThat(Files.readString(ROOT.resolve(file))).as(file).contains("Compose v2");
        }
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("Compose v2");
    }

    /** Broker services (those publishing 8080) of a compose file, each with the port its URL names. */
    private static Map<String, String> nodes(String file) throws IOException {
        String text = Files.readString(ROOT.resolve(file));
        Map<String, String> nodes = new LinkedHashMap<>();
        Matcher service = SERVICE.matcher(text.substring(text.indexOf("\nservices:\n")));
        while (service.find()) {
            Matcher published = PUBLISHED.matcher(service.group(2));
            if (!published.find()) {
                continue;
            }
            Matcher url = PUBLIC_URL.matcher(service.group(2));
            assertThat(url.find()).as(file + " " + service.group(1) + " sets CREDBROKER_PUBLIC_BASE_URL").isTrue();
            assertThat(url.group(1)).as(file + " " + service.group(1)).isEqualTo(published.group(1));
            nodes.put(service.group(1), url.group(1));
        }
        return nodes;
    }
}
