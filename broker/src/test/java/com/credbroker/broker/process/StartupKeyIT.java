package com.credbroker.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.InProcessServe;
import com.credbroker.broker.testing.RunningBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A wrong, short, malformed, newline-suffixed or missing master key (environment or key file) refuses to
 * start with a clear message, opens no port and leaves the data directory byte-for-byte unchanged.
 */
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
            // in-process, as the bad-key cases below; their process proofs run the jar
            InProcessServe.Refusal refusal = InProcessServe.serve(Map.of("CREDBROKER_DATA_DIR",
                    dataDir.resolve("x").toString(), "CREDBROKER_MASTER_KEY", bad));
            assertThat(refusal.exit()).isNotZero();
            if (bad.length() > 8) {
                assertThat(refusal.output()).doesNotContain(bad.trim());
            }
        }
        assertThat(Files.exists(dataDir.resolve("x").resolve("credbroker.mv.db"))).isFalse();
    }

    /** A key setting that must be refused against an existing database, and what the refusal must say. */
    record BadKey(String name, String envName, String value, boolean asFile, int exit, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadKey> badKeys() {
        String other = RunningBroker.randomKey();
        String shortKey = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        return Stream.of(
                new BadKey("env: wrong key", "CREDBROKER_MASTER_KEY", other, false, 3, "does not match"),
                new BadKey("env: short key", "CREDBROKER_MASTER_KEY", shortKey, false, 2, "32 bytes"),
                new BadKey("env: newline-suffixed", "CREDBROKER_MASTER_KEY", KEY + "\n", false, 2, "whitespace"),
                new BadKey("env: not base64", "CREDBROKER_MASTER_KEY", "not-base64-!!!-key", false, 2, "base64"),
                new BadKey("env: empty", "CREDBROKER_MASTER_KEY", "", false, 2, "CREDBROKER_MASTER_KEY"),
                new BadKey("missing: no key at all", null, null, false, 2, "no master key"),
                new BadKey("file: wrong key", "CREDBROKER_MASTER_KEY_FILE", other + "\n", true, 3, "does not match"),
                new BadKey("file: short key", "CREDBROKER_MASTER_KEY_FILE", shortKey, true, 2, "exactly 32"),
                new BadKey("file: key and a blank line", "CREDBROKER_MASTER_KEY_FILE", KEY + "\n\n", true, 2,
                        "whitespace"),
                new BadKey("file: leading space", "CREDBROKER_MASTER_KEY_FILE", " " + KEY, true, 2, "whitespace"),
                new BadKey("file: empty", "CREDBROKER_MASTER_KEY_FILE", "", true, 2, "empty"),
                new BadKey("file: missing", "CREDBROKER_MASTER_KEY_FILE", null, true, 2, "cannot be read"),
                new BadKey("passphrase instead of the key", "CREDBROKER_MASTER_PASSPHRASE", "guess", false, 3,
                        "does not match"));
    }

    static final String KEY = RunningBroker.randomKey();
    @TempDir
    static Path existing;
    @TempDir
    static Path sharedLogs;

    @BeforeAll
    static void createDatabase() throws Exception {
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", existing.toString(), "CREDBROKER_MASTER_KEY", KEY,
                "CREDBROKER_ADMIN_KEY", RunningBroker.ADMIN_KEY);
        try (BrokerProcess first = BrokerProcess.start(env, sharedLogs.resolve("create.log")).awaitReady(START)) {
            first.http.post(Fixtures.CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_key", "tok-k", 3600));
        }
    }

    /**
     * Every case through the jar's own start-up path (command line, failure handlers, exit codes) in this JVM:
     * each refusal ends before anything process-specific happens. {@link #processProofs} runs cases of both exit
     * codes, from the environment and from a key file, as real processes of the jar.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badKeys")
    void aBadMasterKeyRefusesToStartClearlyOpensNoPortAndChangesNoFile(BadKey bad) throws Exception {
        Map<String, String> env = refusedEnvironment(bad);
        Map<String, String> before = fingerprint(existing);

        InProcessServe.Refusal refusal = InProcessServe.serve(env);

        assertRefusal(bad, refusal.exit(), refusal.output(), refusal.portAnswers(), before);
    }

    static Stream<BadKey> processProofs() {
        return badKeys().filter(bad -> PROCESS_PROOFS.contains(bad.name()));
    }

    static final Set<String> PROCESS_PROOFS = Set.of("env: wrong key", "env: short key", "file: wrong key",
            "file: missing");

    @ParameterizedTest(name = "{0}")
    @MethodSource("processProofs")
    void theJarRefusingABadMasterKeyExitsWithItsCodeOpensNoPortAndChangesNoFile(BadKey bad) throws Exception {
        Map<String, String> env = refusedEnvironment(bad);
        Map<String, String> before = fingerprint(existing);

        BrokerProcess process = BrokerProcess.start(env, sharedLogs.resolve(Math.abs(bad.name().hashCode()) + ".log"));
        int exit = process.awaitExit(START);

        assertRefusal(bad, exit, process.logText(), portAnswers(process), before);
    }

    private static Map<String, String> refusedEnvironment(BadKey bad) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("CREDBROKER_DATA_DIR", existing.toString()));
        if (bad.asFile()) {
            Path file = sharedLogs.resolve("key-" + Math.abs(bad.name().hashCode()));
            if (bad.value() != null) {
                Files.writeString(file, bad.value());
            }
            env.put(bad.envName(), file.toString());
        } else if (bad.envName() != null) {
            env.put(bad.envName(), bad.value());
        }
        return env;
    }

    private static void assertRefusal(BadKey bad, int exit, String output, boolean portAnswers,
            Map<String, String> before) throws IOException {
        assertThat(exit).isEqualTo(bad.exit());
        assertThat(output).containsIgnoringCase(bad.says()).doesNotContain(KEY)
                .doesNotContain("listening on port").doesNotContain("\tat ").doesNotContain("Caused by");
        if (bad.value() != null && bad.value().strip().length() > 8) {
            assertThat(output).doesNotContain(bad.value().strip());
        }
        assertThat(portAnswers).isFalse();
        assertThat(fingerprint(existing)).isEqualTo(before);
    }

    @Test
    void aKeyFileEndingInOneNewlineIsTheKeyItHolds() throws Exception {
        Path file = sharedLogs.resolve("right.key");
        Files.writeString(file, KEY + "\n");
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", existing.toString(), "CREDBROKER_MASTER_KEY_FILE",
                file.toString());
        try (BrokerProcess process = BrokerProcess.start(env, logs.resolve("right.log")).awaitReady(START)) {
            assertThat(process.http.get(Fixtures.BY_CONNECTION + "conn_key", RunningBroker.admin()).statusCode())
                    .isEqualTo(200);
        }
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
