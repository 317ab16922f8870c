package com.credbroker.storage.apikey;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API key repository contract on PostgreSQL, each test in a fresh schema. */
@RequiresPostgres
class JdbcApiKeyRepositoryPostgresIT extends ApiKeyRepositoryContract {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase();
    }
}
