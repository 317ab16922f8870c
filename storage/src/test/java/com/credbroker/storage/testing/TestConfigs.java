package com.credbroker.storage.testing;

import com.credbroker.config.DatabaseConfig;
import java.nio.file.Path;
import java.util.Optional;

/** Database configurations for storage tests, with the data directory {@code dataDir}. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** The embedded default: an H2 file database in {@code dataDir}. */
    public static DatabaseConfig embedded(Path dataDir) {
        return withUrl(dataDir, null);
    }

    /** The database at {@code dbUrl} (null: the embedded default), without user or password. */
    public static DatabaseConfig withUrl(Path dataDir, String dbUrl) {
        return new DatabaseConfig(dataDir, dbUrl, Optional.empty(), Optional.empty());
    }
}
