package com.credbroker.storage.refresh;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The refresh store's due scan and leases on the embedded default: an H2 file database. */
class JdbcRefreshStoreH2IT extends RefreshStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2File(dataDir);
    }
}
