package com.credbroker.storage.integrity;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The row authentication contract on an H2 file database. */
class RowAuthenticationH2IT extends RowAuthenticationContract {
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2File(dataDir);
    }
}
