package com.credbroker.storage.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.CanaryScan;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refresh completion and recovery on the embedded default: an H2 file database. */
class JdbcRefreshCompletionH2IT extends RefreshCompletionContract {
    private static final String CANARY = "CANARY-4b1d7e2a-refreshed-token";

    @TempDir
    Path dataDir;

    @Override
    protected Database openDatabase() {
        return TestDatabases.h2File(dataDir);
    }

    @Test
    void noTokenFromACompletedRefreshReachesTheDatabaseFiles() throws Exception {
        String id = stored(due());
        RefreshClaim claim = claim(id, OWNER);
        store.complete(claim, current -> {
            Credential next = refreshed(current);
            CredentialSecrets secrets = new CredentialSecrets(
                    Map.of("access_token", CANARY + "-access", "refresh_token", CANARY + "-refresh"),
                    null, null, null, null, false, null, null, null, null, null, null);
            return new RefreshWrite(next.withSecrets(secrets), 0, null);
        }).orElseThrow();
        assertThat(rows.hasRefreshToken(id)).isTrue();
        database.close();

        assertThat(CanaryScan.find(dataDir, CANARY)).isEmpty();
        database = TestDatabases.h2File(dataDir); // reopened so @AfterEach closes something
    }
}
