package com.credbroker.storage.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.testing.KillNine;
import com.credbroker.storage.testing.KillNineWriter;
import com.credbroker.storage.testing.TestCrypto;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every write acknowledged before {@code kill -9} is present and readable after a restart. */
class DurabilityIT {
    private static final int ACKS_BEFORE_KILL = 200;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void acknowledgedWritesSurviveKillNine() throws Exception {
        byte[] key = TestCrypto.randomKey();
        List<String> acked = KillNine.ackThenKill(KillNineWriter.class, ACKS_BEFORE_KILL, dataDir.toString(),
                Base64.getEncoder().encodeToString(key));
        assertThat(acked).hasSize(ACKS_BEFORE_KILL);

        try (Database reopened = TestDatabases.h2File(dataDir)) {
            JdbcCredentialRepository repository =
                    new JdbcCredentialRepository(reopened.dataSource(), TestCrypto.cryptographer(key));
            for (String id : acked) {
                Credential credential = repository.findByCredentialId(id).orElseThrow(
                        () -> new AssertionError("acknowledged write lost: " + id));
                String n = id.substring("cred_kill_".length());
                assertThat(credential.secrets().credentials()).containsEntry("access_token", "token-" + n);
            }
        }
    }
}
