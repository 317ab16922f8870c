package com.credbroker.storage.refresh;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Refresh completion and recovery on PostgreSQL, each test in a fresh schema. */
@RequiresPostgres
class JdbcRefreshCompletionPostgresIT extends RefreshCompletionContract {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase();
    }
}
