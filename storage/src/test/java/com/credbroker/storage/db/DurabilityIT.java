package com.credbroker.storage.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.testing.KillNineWriter;
import com.credbroker.storage.testing.TestCrypto;
import com.credbroker.storage.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
        Process child = startWriter(key);
        List<String> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    acked.add(line.substring(4));
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no H2 close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
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

    private Process startWriter(byte[] key) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KillNineWriter.class.getName(), dataDir.toString(), Base64.getEncoder().encodeToString(key))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
