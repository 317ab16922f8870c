package com.credbroker.storage.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an archive holds: its format version, the schema (Flyway) version of the database it was taken from,
 * when, from which kind of database, and per table (in an order where a referenced table comes first) its
 * columns and row count. Immutable.
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param schemaVersion the Flyway version of the source database, e.g. {@code 7}
 * @param createdAt     when the snapshot was read
 * @param source        the source database product ({@code h2} or {@code postgresql})
 * @param tables        the tables, parents first
 */
public record BackupManifest(int formatVersion, String schemaVersion, Instant createdAt, String source,
        List<Table> tables) {
    public static final int FORMAT_VERSION = 1;
    static final String ENTRY = "manifest.json";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public BackupManifest {
        tables = List.copyOf(tables);
    }

    /**
     * One table's dump.
     *
     * @param name    lower-case table name
     * @param rows    rows in its entry
     * @param columns lower-case column names, in the order of each row
     */
    public record Table(String name, long rows, List<String> columns) {
        public Table {
            columns = List.copyOf(columns);
        }

        String entry() {
            return "tables/" + name + ".jsonl";
        }
    }

    /** Rows per table, for reports. */
    public long totalRows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    byte[] toJson(ObjectMapper json) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("format", "credbroker-backup");
        root.put("format_version", formatVersion);
        root.put("schema_version", schemaVersion);
        root.put("created_at", createdAt.toString());
        root.put("source", source);
        ArrayNode list = root.putArray("tables");
        for (Table table : tables) {
            ObjectNode node = list.addObject();
            node.put("name", table.name());
            node.put("rows", table.rows());
            table.columns().forEach(node.putArray("columns")::add);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** Parses a manifest; refused when any field is missing or malformed. */
    static BackupManifest fromJson(ObjectMapper json, byte[] bytes) {
        try {
            JsonNode root = json.readTree(bytes);
            if (!"credbroker-backup".equals(root.path("format").asText())) {
                throw malformed();
            }
            List<Table> tables = new ArrayList<>();
            for (JsonNode node : required(root, "tables")) {
                List<String> columns = new ArrayList<>();
                for (JsonNode column : required(node, "columns")) {
                    columns.add(checkedName(column.asText()));
                }
                tables.add(new Table(checkedName(required(node, "name").asText()), required(node, "rows").asLong(),
                        columns));
            }
            return new BackupManifest(required(root, "format_version").asInt(),
                    required(root, "schema_version").asText(), Instant.parse(required(root, "created_at").asText()),
                    required(root, "source").asText(), tables);
        } catch (IOException | RuntimeException e) {
            throw e instanceof BackupRefusedException refused ? refused : malformed();
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw malformed();
        }
        return value;
    }

    private static String checkedName(String name) {
        if (!validName(name)) {
            throw malformed();
        }
        return name;
    }

    private static BackupRefusedException malformed() {
        return new BackupRefusedException("the archive's manifest is malformed");
    }
}
