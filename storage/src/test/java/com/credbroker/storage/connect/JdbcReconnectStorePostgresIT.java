package com.credbroker.storage.connect;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reconnect store contract on PostgreSQL, each test in a fresh schema. */
@RequiresPostgres
class JdbcReconnectStorePostgresIT extends ReconnectStoreContract {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase();
    }
}
