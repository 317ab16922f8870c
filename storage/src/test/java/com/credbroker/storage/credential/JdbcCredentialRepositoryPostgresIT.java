package com.credbroker.storage.credential;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresCanaryScan;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The credential repository contract on PostgreSQL, each test in a fresh schema. */
@RequiresPostgres
class JdbcCredentialRepositoryPostgresIT extends JdbcCredentialRepositoryContract {
    private static final String CANARY = "CANARY-9a4c2e6b-secret-token";

    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();

    @Override
    protected Database openDatabase() {
        return schemas.openDatabase();
    }

    @Test
    void noSecretReachesAnyColumn() throws Exception {
        for (int i = 0; i < 20; i++) {
            repository.upsert(aCredential().accessToken(CANARY + "-access-" + i).refreshToken(CANARY + "-refresh")
                    .accountEmail(CANARY + "@example.com").extraHeaders(Map.of("Authorization", CANARY)).build());
        }
        Credential one = repository.upsert(aCredential().accessToken(CANARY).build()).credential();
        repository.upsert(aCredential().connectionId(one.connectionId()).accessToken(CANARY + "-rotated").build());

        assertThat(PostgresCanaryScan.find(database.dataSource(), CANARY)).isEmpty();
    }

    @Test
    void canaryScanFindsAPlainColumnValue() throws Exception {
        repository.upsert(aCredential().appName(CANARY).build());
        assertThat(PostgresCanaryScan.find(database.dataSource(), CANARY)).containsExactly("credentials.app_name");
    }
}
