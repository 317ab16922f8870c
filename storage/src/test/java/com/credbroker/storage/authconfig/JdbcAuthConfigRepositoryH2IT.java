package com.credbroker.storage.authconfig;

import static com.credbroker.storage.authconfig.AuthConfigBuilder.anAuthConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.CanaryScan;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auth config repository contract on the embedded default: an H2 file database. */
class JdbcAuthConfigRepositoryH2IT extends JdbcAuthConfigRepositoryContract {
    private static final String CANARY = "CANARY-ac-5b2e7f90-client-secret";

    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2File(dataDir);
    }

    @Test
    void noClientSecretReachesTheDatabaseFiles() throws Exception {
        for (int i = 0; i < 20; i++) {
            repository.create(anAuthConfig().clientSecret(CANARY + "-" + i).build());
        }
        AuthConfig one = repository.create(anAuthConfig().clientSecret(CANARY).build());
        repository.updateIfVersion(AuthConfigBuilder.from(one).clientSecret(CANARY + "-rotated").build());
        database.close();

        assertThat(CanaryScan.find(dataDir, CANARY)).isEmpty();
        database = TestDatabases.h2File(dataDir); // reopened so @AfterEach closes something
    }

    @Test
    void canaryScanFindsAPlainColumnValue() throws Exception {
        repository.create(anAuthConfig().clientId(CANARY).build());
        database.close();
        assertThat(CanaryScan.find(dataDir, CANARY)).isNotEmpty();
        database = TestDatabases.h2File(dataDir);
    }
}
