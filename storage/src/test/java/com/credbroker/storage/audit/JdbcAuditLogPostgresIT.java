package com.credbroker.storage.audit;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDBC audit log contract on PostgreSQL, each test in a fresh schema: where a cluster keeps its one
 * audit chain.
 */
@RequiresPostgres
class JdbcAuditLogPostgresIT extends JdbcAuditLogContract {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase();
    }
}
