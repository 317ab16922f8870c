package com.credbroker.storage.crypto;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The keyring repository contract on an H2 file database. */
class JdbcKeyringRepositoryH2IT extends KeyringRepositoryContract {
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2File(dataDir);
    }
}
