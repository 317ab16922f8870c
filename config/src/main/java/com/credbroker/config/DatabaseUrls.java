package com.credbroker.config;

import com.credbroker.config.ValueType.Refusal;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The JDBC URL: a configured one (only H2 and PostgreSQL are supported), or an H2 file URL derived from the
 * data directory. The URL is never quoted in a problem and is masked in the summary, since it may embed a
 * password.
 */
final class DatabaseUrls {
    static final String H2_PREFIX = "jdbc:h2:";
    static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    private DatabaseUrls() {
    }

    /** A configured URL; unset stands for null, which {@link DatabaseConfig} derives from the data directory. */
    static ValueType<String> jdbcUrl() {
        return ValueType.<String>of(String.class, DatabaseUrls::checked).sensitive(ConfigSummary::maskUrl);
    }

    private static String checked(String url) throws Refusal {
        if (!url.startsWith(H2_PREFIX) && !url.startsWith(POSTGRES_PREFIX)) {
            throw Refusal.of("must start with " + H2_PREFIX + " or " + POSTGRES_PREFIX);
        }
        // AUTO_SERVER opens an H2 TCP server, which the design forbids.
        if (url.startsWith(H2_PREFIX) && url.toUpperCase(Locale.ROOT).contains(";AUTO_SERVER=TRUE")) {
            throw Refusal.of("must not enable AUTO_SERVER (the H2 TCP server stays off)");
        }
        return url;
    }

    /**
     * The default URL. It carries no options: durability and other H2 settings are the storage layer's to
     * append. A data directory with a {@code ;} cannot be part of it (see {@link ConfigRelations}).
     */
    static String derived(Path dataDir) {
        return H2_PREFIX + "file:" + dataDir.resolve("credbroker");
    }
}
