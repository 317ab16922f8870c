package com.credbroker.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Resolves the JDBC URL: the configured one, or an H2 file URL derived from the data directory.
 * Only H2 and PostgreSQL are supported. The URL is never quoted in a problem, since it may embed
 * a password.
 */
final class DatabaseUrls {
    static final String H2_PREFIX = "jdbc:h2:";
    static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    private DatabaseUrls() {
    }

    /**
     * The base URL. The derived default carries no options: durability and other H2 settings are
     * the storage layer's to append.
     */
    static String resolve(ValueParser parser, Problems problems, Path dataDir, RawValue dataDirRaw) {
        return parser.raw(ConfigKey.DB_URL)
                .map(raw -> checked(raw, problems))
                .orElseGet(() -> derived(dataDir, dataDirRaw, problems));
    }

    private static String checked(RawValue raw, Problems problems) {
        String url = raw.value();
        if (!url.startsWith(H2_PREFIX) && !url.startsWith(POSTGRES_PREFIX)) {
            problems.add(ConfigKey.DB_URL, raw, "must start with " + H2_PREFIX + " or " + POSTGRES_PREFIX);
            return null;
        }
        // AUTO_SERVER opens an H2 TCP server, which the design forbids.
        if (url.startsWith(H2_PREFIX) && url.toUpperCase(Locale.ROOT).contains(";AUTO_SERVER=TRUE")) {
            problems.add(ConfigKey.DB_URL, raw, "must not enable AUTO_SERVER (the H2 TCP server stays off)");
            return null;
        }
        return url;
    }

    private static String derived(Path dataDir, RawValue dataDirRaw, Problems problems) {
        if (dataDir == null) {
            return null; // the data directory problem is already reported
        }
        String path = dataDir.toString();
        if (path.contains(";")) {
            problems.add(ConfigKey.DATA_DIR, dataDirRaw,
                    "must not contain ';' when the H2 URL is derived from it; set CREDBROKER_DB_URL instead");
            return null;
        }
        return H2_PREFIX + "file:" + dataDir.resolve("credbroker");
    }
}
