package com.credbroker.storage.apikey;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The API key repository contract on PostgreSQL, each test in a fresh schema. */
@RequiresPostgres
class JdbcApiKeyRepositoryPostgresIT extends ApiKeyRepositoryContract {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase(dataDir);
    }
}
