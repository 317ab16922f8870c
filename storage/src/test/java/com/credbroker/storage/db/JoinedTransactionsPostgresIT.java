package com.credbroker.storage.db;

import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Joined transactions on PostgreSQL, each test in a fresh schema. */
@RequiresPostgres
class JoinedTransactionsPostgresIT extends JoinedTransactionsContract {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase();
    }
}
