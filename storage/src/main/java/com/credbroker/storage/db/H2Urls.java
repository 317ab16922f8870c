package com.credbroker.storage.db;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The H2 JDBC URLs the broker uses. Every H2 file database is opened with {@code WRITE_DELAY=0}:
 * H2 (MVStore) otherwise commits a transaction in memory and writes it to the file up to 500 ms later,
 * so an acknowledged write would be lost to {@code kill -9}. With a zero delay
 * {@code TransactionStore.endTransaction} calls {@code MVStore.commit()} before the JDBC commit returns.
 * H2's TCP server and web console are never started: {@code AUTO_SERVER} is refused.
 */
public final class H2Urls {
    static final String PREFIX = "jdbc:h2:";
    private static final String DURABLE_SETTINGS = ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;TRACE_LEVEL_FILE=0";
    private static final String DATABASE_NAME = "credbroker";

    private H2Urls() {
    }

    /** {@code jdbc:h2:file:<abs dataDir>/credbroker;WRITE_DELAY=0;...}: the embedded default. */
    public static String defaultUrl(Path dataDir) {
        return PREFIX + "file:" + dataDir.toAbsolutePath().normalize().resolve(DATABASE_NAME) + DURABLE_SETTINGS;
    }

    public static boolean isH2(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /**
     * Checks an operator-supplied H2 URL and adds the durability setting when it is absent.
     * Refuses settings that would start a server or delay writes.
     */
    static String harden(String url) {
        String upper = url.toUpperCase(Locale.ROOT);
        if (upper.contains("AUTO_SERVER") || upper.startsWith("JDBC:H2:TCP:") || upper.startsWith("JDBC:H2:SSL:")) {
            throw new IllegalArgumentException("H2 server modes (AUTO_SERVER, tcp, ssl) are not supported");
        }
        if (upper.contains("WRITE_DELAY=") && !upper.contains("WRITE_DELAY=0;") && !upper.endsWith("WRITE_DELAY=0")) {
            throw new IllegalArgumentException("H2 WRITE_DELAY must be 0: a delayed write is lost on a crash");
        }
        return upper.contains("WRITE_DELAY=") || !isFile(url) ? url : url + ";WRITE_DELAY=0";
    }

    /** The database file path (without the {@code .mv.db} suffix) of an H2 file URL. */
    static Optional<Path> filePath(String url) {
        if (!isFile(url)) {
            return Optional.empty();
        }
        String rest = url.substring(PREFIX.length());
        rest = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
        int settings = rest.indexOf(';');
        String name = settings < 0 ? rest : rest.substring(0, settings);
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name).toAbsolutePath().normalize());
    }

    /** A URL that opens an existing H2 file database read-only and never creates or changes a file. */
    static String readOnly(Path databaseFile) {
        return PREFIX + "file:" + databaseFile + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;TRACE_LEVEL_FILE=0";
    }

    private static boolean isFile(String url) {
        if (!isH2(url)) {
            return false;
        }
        String rest = url.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
        return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:")
                && !rest.startsWith("zip:");
    }
}
