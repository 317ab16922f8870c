package com.credbroker.refresh.provider;

import java.util.stream.Collectors;

/**
 * The README's list of providers, generated from a catalogue: name, display name, auth scheme and the
 * documentation each entry was written from. {@code ProvidersReadmeTest} keeps the README in step.
 */
public final class ProviderReference {
    public static final String BEGIN = "<!-- providers:start -->";
    public static final String END = "<!-- providers:end -->";

    private ProviderReference() {
    }

    /** A Markdown table, one row per template in name order, ending with a newline. */
    public static String markdownTable(ProviderCatalogue catalogue) {
        StringBuilder table = new StringBuilder("| provider | name | scheme | written from |\n| --- | --- | --- | --- |\n");
        for (ProviderTemplate t : catalogue.all()) {
            table.append("| `").append(t.name()).append("` | ").append(cell(t.displayName())).append(" | ")
                    .append(t.authScheme()).append(" | ")
                    .append(t.docs().stream().map(ProviderReference::link).collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String link(String url) {
        return "[" + Placeholders.authority(url) + "](" + url.replace("(", "%28").replace(")", "%29") + ")";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
