package com.credbroker.storage.credential;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.CanaryScan;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credential repository contract on the embedded default: an H2 file database. */
class JdbcCredentialRepositoryH2IT extends JdbcCredentialRepositoryContract {
    private static final String CANARY = "CANARY-7f3e9c1d-secret-token";

    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2File(dataDir);
    }

    @Test
    void noSecretReachesTheDatabaseFiles() throws Exception {
        for (int i = 0; i < 20; i++) {
            repository.upsert(aCredential().accessToken(CANARY + "-access-" + i).refreshToken(CANARY + "-refresh")
                    .accountEmail(CANARY + "@example.com").extraHeaders(Map.of("Authorization", CANARY)).build());
        }
        Credential one = repository.upsert(aCredential().accessToken(CANARY).build()).credential();
        repository.upsert(aCredential().connectionId(one.connectionId()).accessToken(CANARY + "-rotated").build());
        database.close();

        assertThat(CanaryScan.find(dataDir, CANARY)).isEmpty();
        database = TestDatabases.h2File(dataDir); // reopened so @AfterEach closes something
    }

    @Test
    void canaryScanFindsAPlainColumnValue() throws Exception {
        repository.upsert(aCredential().appName(CANARY).build());
        database.close();
        assertThat(CanaryScan.find(dataDir, CANARY)).isNotEmpty();
        database = TestDatabases.h2File(dataDir);
    }
}
