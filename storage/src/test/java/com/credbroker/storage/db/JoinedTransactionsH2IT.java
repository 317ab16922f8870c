package com.credbroker.storage.db;

import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Joined transactions on the embedded default: an H2 file database. */
class JoinedTransactionsH2IT extends JoinedTransactionsContract {
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2File(dataDir);
    }
}
