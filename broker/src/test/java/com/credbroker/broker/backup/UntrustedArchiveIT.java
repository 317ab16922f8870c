package com.credbroker.broker.backup;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup archive is untrusted input to restore: one archive taken from a real broker, then restored as is
 * (the same secret comes back), changed by one bit, with a planted admin key, under another master key, and
 * an old-style archive carrying an H2 database file with a trigger of Java source. Every changed archive is
 * refused before anything in it is used, and nothing is written: no data directory, no staging directory,
 * and the planted trigger never runs.
 */
class UntrustedArchiveIT {
    private static final String TOKEN = "tok-untrusted-archive-canary";
    @TempDir
    static Path shared;
    static byte[] archive;
    static String masterKey;

    @TempDir
    Path work;

    @BeforeAll
    static void takeABackup() throws Exception {
        try (RunningBroker broker = new RunningBroker(shared.resolve("original"))) {
            masterKey = broker.masterKey;
            broker.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_u", TOKEN, 3600));
            HttpResponse<byte[]> response = broker.http.postForBytes(BackupRoutes.PATH, RunningBroker.admin());
            assertThat(response.statusCode()).isEqualTo(200);
            archive = response.body();
        }
    }

    private static Map<String, String> env(Path dataDir, String key) {
        return Map.of("CREDBROKER_DATA_DIR", dataDir.toString(), "CREDBROKER_MASTER_KEY", key);
    }

    @Test
    void theArchiveRestoresOntoAFreshDataDirectoryAndTheSameSecretIsServed() throws Exception {
        Path target = work.resolve("restored");
        Restorer.Report report = new Restorer().restore(env(target, masterKey), write("backup.zip", archive));

        assertThat(report.connections()).isEqualTo(1);
        assertThat(new String(inflated(archive), StandardCharsets.UTF_8)).doesNotContain(TOKEN);
        try (RunningBroker restored = new RunningBroker(target, Map.of("CREDBROKER_MASTER_KEY", masterKey))) {
            HttpResponse<String> found = restored.http.get(BY_CONNECTION + "conn_u", RunningBroker.admin());
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(Fixtures.body(found).at("/credentials/access_token").asText()).isEqualTo(TOKEN);
        }
    }

    @Test
    void anArchiveChangedByOneBitIsRefusedAndNothingIsWritten() throws Exception {
        for (int position : new int[] {40, archive.length / 2, archive.length - 200, archive.length - 1}) {
            byte[] flipped = archive.clone();
            flipped[position] ^= 0x01;
            assertRefusedWithNothingWritten(write("flipped.zip", flipped), masterKey,
                    "not authentic|not a credbroker backup");
        }
    }

    @Test
    void anAdminKeyPlantedInTheArchiveIsRefused() throws Exception {
        Path original = write("original.zip", archive);
        ByteArrayOutputStream edited = new ByteArrayOutputStream();
        try (ZipFile zip = new ZipFile(original.toFile()); ZipOutputStream out = new ZipOutputStream(edited)) {
            out.setComment(zip.getComment()); // the original trailer and tag, as an attacker would keep them
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                zip.getInputStream(entry).transferTo(out);
                if (entry.getName().equals("tables/api_keys.jsonl")) {
                    out.write(("{\"id\":\"key_planted\",\"kind\":\"api\",\"name\":\"planted\",\"scopes\":\"admin\","
                            + "\"secret_hash\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
                            + "\"created_at\":\"2025-01-01T00:00Z\",\"revoked_at\":null}\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        assertRefusedWithNothingWritten(write("planted.zip", edited.toByteArray()), masterKey, "not authentic");
    }

    @Test
    void anArchiveMadeUnderAnotherMasterKeyIsRefused() throws Exception {
        String otherKey = RunningBroker.randomKey();
        assertRefusedWithNothingWritten(write("backup.zip", archive), otherKey, "not made under this master key");
    }

    @Test
    void anOldStyleArchiveOfTheDatabaseFileIsRefusedWithoutOpeningIt() throws Exception {
        Path marker = work.resolve("trigger-ran");
        Path evil = work.resolve("evil").resolve("credbroker");
        String trigger = "org.h2.api.Trigger create() { try { java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                + marker + "\"), \"ran\"); } catch (Exception e) { } return new org.h2.api.Trigger() {"
                + " public void fire(java.sql.Connection c, Object[] o, Object[] n) { } }; }";
        openPlantedDatabase(evil, "CREATE TABLE planted (id INT)",
                "CREATE TRIGGER planted_trigger BEFORE INSERT ON planted AS '" + trigger.replace("'", "''") + "'");
        Files.delete(marker);
        ByteArrayOutputStream oldStyle = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(oldStyle)) {
            zip.putNextEntry(new ZipEntry("credbroker.mv.db"));
            zip.write(Files.readAllBytes(Path.of(evil + ".mv.db")));
            zip.closeEntry();
        }

        assertRefusedWithNothingWritten(write("old.zip", oldStyle.toByteArray()), masterKey, "not a credbroker backup");

        assertThat(marker).doesNotExist();
        openPlantedDatabase(evil); // the fixture is live: opening the file runs the planted code
        assertThat(marker).exists();
    }

    private void assertRefusedWithNothingWritten(Path file, String key, String messagePattern) throws Exception {
        Path target = work.resolve("target");
        assertThatThrownBy(() -> new Restorer().restore(env(target, key), file))
                .isInstanceOf(Restorer.RestoreException.class)
                .hasMessageFindingMatch(messagePattern)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key).doesNotContain(TOKEN));
        assertThat(target).doesNotExist();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).noneMatch(p -> p.getFileName().toString().startsWith(".credbroker-restore-"));
        }
    }

    private static void openPlantedDatabase(Path file, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + file);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = work.resolve(name);
        Files.deleteIfExists(file);
        return Files.write(file, bytes);
    }

    private static byte[] inflated(byte[] zip) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            while (in.getNextEntry() != null) {
                in.transferTo(all);
            }
        }
        return all.toByteArray();
    }
}
