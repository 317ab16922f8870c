package com.credbroker.storage.connectioncheck;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The connection health contract on the embedded default: an H2 file database. */
class JdbcConnectionCheckRepositoryH2IT extends ConnectionCheckRepositoryContract {
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2File(dataDir);
    }
}
