package com.credbroker.storage.connectioncheck;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connection health contract on PostgreSQL, each test in a fresh schema. */
@RequiresPostgres
class JdbcConnectionCheckRepositoryPostgresIT extends ConnectionCheckRepositoryContract {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase();
    }
}
