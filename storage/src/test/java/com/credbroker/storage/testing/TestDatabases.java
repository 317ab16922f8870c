package com.credbroker.storage.testing;

import com.credbroker.storage.db.Database;
import java.nio.file.Path;

/** Opens real, migrated databases for tests. The caller closes them. */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** An H2 <em>file</em> database (the embedded default) in {@code dataDir}, e.g. a JUnit {@code @TempDir}. */
    public static Database h2File(Path dataDir) {
        return Database.open(TestConfigs.embedded(dataDir));
    }
}
