package com.credbroker.storage.db;

import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Joined transactions on PostgreSQL, each test in a fresh schema. */
@RequiresPostgres
class JoinedTransactionsPostgresIT extends JoinedTransactionsContract {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase(dataDir);
    }
}
