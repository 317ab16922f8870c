package com.credbroker.storage.refresh;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The refresh store's due scan and leases on PostgreSQL, each test in a fresh schema. */
@RequiresPostgres
class JdbcRefreshStorePostgresIT extends RefreshStoreContract {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase();
    }
}
