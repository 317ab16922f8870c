package com.credbroker.config;

/**
 * The README's configuration table, generated from {@link ConfigTable}: one row per key with its default
 * ({@code unset} when it has none) and its documentation line. {@code ConfigReferenceTest} keeps the README
 * equal to it. Stateless.
 */
final class ConfigReference {
    static final String BEGIN = "<!-- configuration table: generated from ConfigTable, checked by ConfigReferenceTest -->";
    static final String END = "<!-- end of configuration table -->";

    private ConfigReference() {
    }

    /** The Markdown table, each line ending in a line break. */
    static String markdownTable() {
        StringBuilder table = new StringBuilder("| variable | default | meaning |\n| --- | --- | --- |\n");
        for (ConfigKey<?> key : ConfigTable.all()) {
            table.append("| `").append(key.envName()).append("` | ")
                    .append(key.defaultValue().map(value -> "`" + value + "`").orElse("unset"))
                    .append(" | ").append(key.doc()).append(" |\n");
        }
        return table.toString();
    }
}
