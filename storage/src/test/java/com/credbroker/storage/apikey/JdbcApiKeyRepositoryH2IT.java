package com.credbroker.storage.apikey;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The API key repository contract on an H2 file database. */
class JdbcApiKeyRepositoryH2IT extends ApiKeyRepositoryContract {
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2File(dataDir);
    }
}
