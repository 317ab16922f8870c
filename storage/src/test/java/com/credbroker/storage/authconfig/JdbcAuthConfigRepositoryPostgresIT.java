package com.credbroker.storage.authconfig;

import static com.credbroker.storage.authconfig.AuthConfigBuilder.anAuthConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresCanaryScan;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The auth config repository contract on PostgreSQL, each test in a fresh schema. */
@RequiresPostgres
class JdbcAuthConfigRepositoryPostgresIT extends JdbcAuthConfigRepositoryContract {
    private static final String CANARY = "CANARY-ac-7d3f1b08-client-secret";

    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase();
    }

    @Test
    void noClientSecretReachesAnyColumn() throws Exception {
        for (int i = 0; i < 20; i++) {
            repository.create(anAuthConfig().clientSecret(CANARY + "-" + i).build());
        }
        AuthConfig one = repository.create(anAuthConfig().clientSecret(CANARY).build());
        repository.updateIfVersion(AuthConfigBuilder.from(one).clientSecret(CANARY + "-rotated").build());

        assertThat(PostgresCanaryScan.find(database.dataSource(), CANARY)).isEmpty();
    }

    @Test
    void canaryScanFindsAPlainColumnValue() throws Exception {
        repository.create(anAuthConfig().clientId(CANARY).build());
        assertThat(PostgresCanaryScan.find(database.dataSource(), CANARY)).containsExactly("auth_configs.client_id");
    }
}
