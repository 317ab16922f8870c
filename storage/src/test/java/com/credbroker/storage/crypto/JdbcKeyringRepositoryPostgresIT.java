package com.credbroker.storage.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import com.credbroker.storage.testing.TestPostgres;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The keyring repository contract on PostgreSQL, each test in a fresh schema. */
@RequiresPostgres
class JdbcKeyringRepositoryPostgresIT extends KeyringRepositoryContract {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase();
    }

    @Test
    void aKeyringInAnotherSchemaOfTheDatabaseIsNotSeenBeforeMigration() {
        repository.initialise(new KeyringMeta(new byte[32], Optional.empty()),
                new WrappedTerm(1, new byte[60], Instant.EPOCH, 0), Instant.EPOCH);
        PGSimpleDataSource unmigrated = new PGSimpleDataSource();
        unmigrated.setUrl(schemas.create().jdbcUrl());
        unmigrated.setUser(TestPostgres.USER);

        JdbcKeyringRepository elsewhere = new JdbcKeyringRepository(unmigrated);
        assertThat(elsewhere.findMeta()).isEmpty();
        assertThat(elsewhere.findTerms()).isEmpty();
    }
}
