package com.credbroker.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong master key refuses to start, opens no port and leaves the database byte-for-byte unchanged. */
class StartupKeyIT {
    static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    @Test
    void wrongMasterKeyRefusesToStartAndChangesNothing() throws Exception {
        String key = RunningBroker.randomKey();
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", dataDir.toString(), "CREDBROKER_MASTER_KEY", key,
                "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY);
        try (BrokerProcess first = BrokerProcess.start(env, logs.resolve("first.log")).awaitReady(START)) {
            first.http.post(Fixtures.CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_key", "tok-k", 3600));
        }
        Map<String, String> before = fingerprint(dataDir);

        BrokerProcess wrong = BrokerProcess.start(Map.of("CREDBROKER_DATA_DIR", dataDir.toString(),
                "CREDBROKER_MASTER_KEY", RunningBroker.randomKey()), logs.resolve("wrong.log"));
        int exit = wrong.awaitExit(START);

        assertThat(exit).isNotZero();
        assertThat(wrong.logText()).contains("master key").doesNotContain(key);
        assertThat(fingerprint(dataDir)).isEqualTo(before);
        assertThat(portAnswers(wrong)).isFalse();
    }

    @Test
    void malformedMasterKeysAreRefusedWithoutEchoingThem() throws Exception {
        String valid = RunningBroker.randomKey();
        for (String bad : new String[] {valid + "\n", valid.substring(0, 40), "not-base64-!!!", ""}) {
            BrokerProcess process = BrokerProcess.start(Map.of("CREDBROKER_DATA_DIR", dataDir.resolve("x").toString(),
                    "CREDBROKER_MASTER_KEY", bad), logs.resolve("bad.log"));
            assertThat(process.awaitExit(START)).isNotZero();
            if (bad.length() > 8) {
                assertThat(process.logText()).doesNotContain(bad.trim());
            }
        }
        assertThat(Files.exists(dataDir.resolve("x").resolve("credbroker.mv.db"))).isFalse();
    }

    @Test
    void firstEmbeddedStartGeneratesAPrivateKeyFile() throws Exception {
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", dataDir.toString(), "CREDBROKER_LOG_FORMAT", "text");
        try (BrokerProcess process = BrokerProcess.start(env, logs.resolve("gen.log")).awaitReady(START)) {
            assertThat(process.logText()).containsIgnoringCase("production");
        }
        Path keyFile = dataDir.resolve("master.key");
        assertThat(Files.getPosixFilePermissions(keyFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dataDir)).doesNotContain(PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_READ);
        try (BrokerProcess again = BrokerProcess.start(env, logs.resolve("gen2.log")).awaitReady(START)) {
            assertThat(again.http.get("/health/ready", Map.of()).statusCode()).isEqualTo(200);
        }
    }

    private static boolean portAnswers(BrokerProcess process) {
        try {
            process.http.get("/health/live", Map.of());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Map<String, String> fingerprint(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.put(dir.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
