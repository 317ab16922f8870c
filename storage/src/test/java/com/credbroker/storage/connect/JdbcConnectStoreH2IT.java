package com.credbroker.storage.connect;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The connect store contract on the embedded default: an H2 file database. */
class JdbcConnectStoreH2IT extends ConnectStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2File(dataDir);
    }
}
