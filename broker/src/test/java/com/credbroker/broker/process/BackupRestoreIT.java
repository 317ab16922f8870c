package com.credbroker.broker.process;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} while the broker serves and writes keep coming, then {@code restore} onto a fresh data
 * directory: with the same master key every acknowledged connection is back; with another key the restore
 * is refused and the target stays empty. Real processes of the packaged jar.
 */
class BackupRestoreIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String KEY = RunningBroker.randomKey();

    @TempDir
    Path work;

    private Map<String, String> env(Path dataDir, String masterKey) {
        return Map.of("CREDBROKER_DATA_DIR", dataDir.toString(), "CREDBROKER_MASTER_KEY", masterKey,
                "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY, "CREDBROKER_LOG_FORMAT", "text");
    }

    @Test
    void aBackupTakenDuringWritesRestoresEveryAcknowledgedConnection() throws Exception {
        Path original = work.resolve("original");
        Path archive = work.resolve("backup.zip");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<String> beforeBackup;
        int duringBackup;
        try (BrokerProcess server = BrokerProcess.start(env(original, KEY), work.resolve("server.log")).awaitReady(WAIT)) {
            for (int i = 0; i < 30; i++) {
                create(server, "conn_seed_" + i, acknowledged);
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int i = 0; writing.get(); i++) {
                    create(server, "conn_w_" + i, acknowledged);
                }
            });
            writer.start();
            while (acknowledged.size() < 60) {
                Thread.onSpinWait();
            }
            beforeBackup = List.copyOf(acknowledged);
            Map<String, String> cli = new HashMap<>(env(original, KEY));
            BrokerProcess backup = BrokerProcess.start(cli, work.resolve("backup.log"), "backup",
                    "--url", "http://127.0.0.1:" + server.port(), "--out", archive.toString());
            int exit = backup.awaitExit(WAIT);
            duringBackup = acknowledged.size() - beforeBackup.size();
            writing.set(false);
            writer.join();
            assertThat(exit).as(backup.logText()).isZero();
        }
        assertThat(duringBackup).as("writes acknowledged while the backup ran").isPositive();

        Path restored = work.resolve("restored");
        BrokerProcess restore = BrokerProcess.start(env(restored, KEY), work.resolve("restore.log"),
                "restore", "--from", archive.toString());
        assertThat(restore.awaitExit(WAIT)).as(restore.logText()).isZero();
        assertThat(restore.logText()).contains("restored").contains("connections");
        org.slf4j.LoggerFactory.getLogger(BackupRestoreIT.class).info("backup: {} writes acknowledged before it,"
                + " {} while it ran; restore said: {}", beforeBackup.size(), duringBackup,
                restore.logText().lines().filter(l -> l.startsWith("restored")).findFirst().orElse("?"));

        try (BrokerProcess server = BrokerProcess.start(env(restored, KEY), work.resolve("after.log")).awaitReady(WAIT)) {
            for (String connectionId : beforeBackup) {
                HttpResponse<String> found = server.http.get(BY_CONNECTION + connectionId, RunningBroker.admin());
                assertThat(found.statusCode()).as(connectionId).isEqualTo(200);
                assertThat(Fixtures.body(found).at("/credentials/access_token").asText()).isEqualTo("tok-" + connectionId);
            }
        }
    }

    @Test
    void aRestoreWithAnotherKeyIsRefusedAndLeavesTheTargetEmpty() throws Exception {
        Path original = work.resolve("original");
        try (BrokerProcess server = BrokerProcess.start(env(original, KEY), work.resolve("server.log")).awaitReady(WAIT)) {
            create(server, "conn_one", new CopyOnWriteArrayList<>());
        }
        Path archive = work.resolve("stopped.zip");
        BrokerProcess backup = BrokerProcess.start(env(original, KEY), work.resolve("backup.log"), "backup",
                "--out", archive.toString());
        assertThat(backup.awaitExit(WAIT)).as(backup.logText()).isZero();

        Path target = work.resolve("target");
        BrokerProcess wrongKey = BrokerProcess.start(env(target, RunningBroker.randomKey()), work.resolve("wrong.log"),
                "restore", "--from", archive.toString());

        assertThat(wrongKey.awaitExit(WAIT)).isNotZero();
        assertThat(wrongKey.logText()).contains("not made under this master key").doesNotContain(KEY);
        assertThat(Files.exists(target)).isFalse();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).noneMatch(p -> p.getFileName().toString().startsWith(".credbroker-restore-"));
        }
        BrokerProcess onTopOfData = BrokerProcess.start(env(original, KEY), work.resolve("again.log"),
                "restore", "--from", archive.toString());
        assertThat(onTopOfData.awaitExit(WAIT)).isNotZero();
        assertThat(onTopOfData.logText()).contains("already holds a database");
    }

    private static void create(BrokerProcess server, String connectionId, List<String> acknowledged) {
        HttpResponse<String> created = server.http.post(CREDENTIALS, RunningBroker.admin(),
                Fixtures.oauth2(connectionId, "tok-" + connectionId, 3600));
        if (created.statusCode() == 201) {
            acknowledged.add(connectionId);
        }
    }
}
