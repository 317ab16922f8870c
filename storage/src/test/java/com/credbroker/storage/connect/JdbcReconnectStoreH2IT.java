package com.credbroker.storage.connect;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The reconnect store contract on the embedded default: an H2 file database. */
class JdbcReconnectStoreH2IT extends ReconnectStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2File(dataDir);
    }
}
