package com.credbroker.broker.process;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.BrokerProcess;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as an operator meets it, run as real processes with standard output and standard error apart: data
 * on stdout, logs and one-line errors on stderr, documented exit codes, the commands against a running broker
 * ({@code --url}), start-up failures that name the setting and write nothing, {@code rotate-master-key}
 * leaving the broker startable, and 0600 on the files the CLI writes. Few JVM starts: one running broker
 * serves every {@code --url} command.
 */
class OperatorCliIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    @TempDir
    Path work;

    /** One finished command: its exit code, standard output and standard error. */
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @Test
    void operatorCommandsAgainstARunningBrokerAndAStoppedOne() throws Exception {
        Path data = work.resolve("data");
        Map<String, String> env = Map.of("CREDBROKER_DATA_DIR", data.toString(), "CREDBROKER_ADMIN_KEY",
                RunningBroker.ADMIN_KEY, "CREDBROKER_LOG_FORMAT", "text");
        String keyId;
        try (BrokerProcess server = BrokerProcess.start(BrokerProcess.FAST_JVM, env, work.resolve("s1.log"))
                .awaitReady(WAIT)) {
            server.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_cli", "tok-cli", 3600));
            keyId = againstTheRunningBroker("http://127.0.0.1:" + server.port(), env);
            startUpFailuresNameTheSettingAndWriteNothing(server.port());
        }
        rotateMasterKeyLeavesTheBrokerStartable(env, data, keyId);
    }

    private String againstTheRunningBroker(String url, Map<String, String> env) throws Exception {
        Run create = cli(env, "keys", "create", "--url", url, "--kind", "hub", "--name", "hub service", "--scopes",
                "credentials:read");
        assertThat(create.exit()).as(create.toString()).isZero();
        assertThat(create.err()).isEmpty();
        assertThat(create.out().lines()).hasSize(1);
        String keyId = Fixtures.json(create.out()).get("id").asText();
        assertThat(Fixtures.json(create.out()).get("secret").asText()).startsWith("cbk_");

        Run list = cli(env, "keys", "list", "--url", url);
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.err()).isEmpty();
        assertThat(list.out().lines().map(line -> line.split("\\s+")[0]).toList()).contains(keyId).allMatch(
                id -> id.startsWith("key_"));
        assertThat(list.out()).doesNotContain("cbk_");

        Run unknown = cli(env, "keys", "revoke", "--url", url, "key_x");
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.errLines()).containsExactly("credbroker: no API key key_x");
        assertThat(unknown.out()).isEmpty();

        Run verify = cli(env, "audit", "verify", "--url", url);
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).startsWith("audit chain intact: ");

        Path archive = work.resolve("online.zip");
        Run backup = cli(env, "backup", "--url", url, "--out", archive.toString());
        assertThat(backup.exit()).as(backup.toString()).isZero();
        assertThat(Files.getPosixFilePermissions(archive)).isEqualTo(PRIVATE);
        return keyId;
    }

    private void startUpFailuresNameTheSettingAndWriteNothing(int portInUse) throws Exception {
        Path fresh = work.resolve("fresh");
        Map<String, String> env = new HashMap<>(Map.of("CREDBROKER_DATA_DIR", fresh.toString(),
                "CREDBROKER_PORT", Integer.toString(portInUse), "CREDBROKER_MANAGEMENT_PORT", "0"));
        Run api = cli(env);
        assertThat(api.exit()).as(api.toString()).isEqualTo(2);
        assertThat(api.errLines()).containsExactly("credbroker: port " + portInUse + " is in use (CREDBROKER_PORT)");

        try (ServerSocket taken = new ServerSocket(0)) {
            env.put("CREDBROKER_PORT", "0");
            env.put("CREDBROKER_MANAGEMENT_PORT", Integer.toString(taken.getLocalPort()));
            Run management = cli(env);
            assertThat(management.exit()).as(management.toString()).isEqualTo(2);
            assertThat(management.errLines()).containsExactly("credbroker: management port " + taken.getLocalPort()
                    + " is in use (CREDBROKER_MANAGEMENT_PORT)");
        }
        assertThat(fresh).doesNotExist();

        Path file = Files.writeString(work.resolve("a-file"), "not a directory");
        Run dataDir = cli(Map.of("CREDBROKER_DATA_DIR", file.resolve("data").toString(), "CREDBROKER_PORT", "0",
                "CREDBROKER_MANAGEMENT_PORT", "0"));
        assertThat(dataDir.exit()).as(dataDir.toString()).isEqualTo(2);
        assertThat(dataDir.errLines()).containsExactly("credbroker: data directory " + file.resolve("data")
                + " cannot be created: " + file + " is not a directory (CREDBROKER_DATA_DIR)");
    }

    /** The broker ran on the key generated into its data directory, as the README's Run command does. */
    private void rotateMasterKeyLeavesTheBrokerStartable(Map<String, String> env, Path data, String keyId)
            throws Exception {
        String oldKey = Files.readString(data.resolve("master.key"));
        String newKey = RunningBroker.randomKey();
        Path newKeyFile = Files.writeString(work.resolve("new.key"), newKey + "\n");
        Run rotate = cli(env, "rotate-master-key", "--new-key-file", newKeyFile.toString());
        assertThat(rotate.exit()).as(rotate.toString()).isZero();
        assertThat(rotate.out()).contains(data.resolve("master.key") + " now holds it");
        assertThat(Files.readString(data.resolve("master.key")).trim()).isEqualTo(newKey);
        assertThat(Files.getPosixFilePermissions(data.resolve("master.key"))).isEqualTo(PRIVATE);
        Path aside;
        try (Stream<Path> files = Files.list(data)) {
            aside = files.filter(f -> f.getFileName().toString().startsWith("master.key.replaced-")).findFirst()
                    .orElseThrow(() -> new AssertionError("old key not kept:\n" + rotate));
        }
        assertThat(Files.readString(aside)).isEqualTo(oldKey);
        assertThat(Files.getPosixFilePermissions(aside)).isEqualTo(PRIVATE);

        try (BrokerProcess again = BrokerProcess.start(BrokerProcess.FAST_JVM, env, work.resolve("s2.log"))
                .awaitReady(WAIT)) {
            assertThat(again.http.get(BY_CONNECTION + "conn_cli", RunningBroker.admin()).statusCode()).isEqualTo(200);
        }
        Map<String, String> withOldKey = new HashMap<>(env);
        withOldKey.put("CREDBROKER_MASTER_KEY_FILE", aside.toString());
        withOldKey.put("CREDBROKER_PORT", "0");
        withOldKey.put("CREDBROKER_MANAGEMENT_PORT", "0");
        Run refused = cli(withOldKey);
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("the current master key").doesNotContain("the key this database was created with")
                .doesNotContain(oldKey.trim());

        // offline: the data on stdout, the warning about the generated key on stderr
        Run list = cli(env, "keys", "list");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out().lines().toList()).isNotEmpty()
                .allMatch(line -> line.matches("key_\\w+\\s+(api|hub|flowplate)\\s+(active|revoked)\\s.*"));
        assertThat(list.out()).contains(keyId);
        assertThat(list.err()).contains("generated master key file");

        Map<String, String> fromSetting = new HashMap<>(env);
        fromSetting.put("CREDBROKER_MASTER_KEY_FILE", data.resolve("master.key").toString());
        Path third = Files.writeString(work.resolve("third.key"), RunningBroker.randomKey());
        Run named = cli(fromSetting, "rotate-master-key", "--new-key-file", third.toString());
        assertThat(named.exit()).as(named.toString()).isZero();
        assertThat(named.out()).contains("set CREDBROKER_MASTER_KEY_FILE=" + third.toAbsolutePath());
    }

    @Test
    void helpAndUsageErrorsAreOneLineWithDocumentedExitCodes() throws Exception {
        Run help = cli(Map.of(), "keys", "revoke", "--help");
        assertThat(help.exit()).as(help.toString()).isZero();
        assertThat(help.out()).contains("Usage: credbroker keys revoke").contains("Exit codes:").contains("--url");

        Run bogus = cli(Map.of(), "keys", "create", "--name", "x", "--scopes", "credentials:read,bogus");
        assertThat(bogus.exit()).as(bogus.toString()).isEqualTo(2);
        assertThat(bogus.errLines()).hasSize(1).allMatch(line -> line.startsWith("credbroker: unknown scope bogus"));
        assertThat(bogus.out()).isEmpty();
    }

    /** Runs the jar with only {@code env} (and PATH), stdout and stderr captured apart. */
    private Run cli(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(BrokerProcess.jarCommand(BrokerProcess.FAST_JVM));
        builder.command().addAll(List.of(args));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        builder.directory(work.toFile());
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("credbroker " + String.join(" ", args) + " did not finish within " + WAIT);
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
