package com.credbroker.broker.backup;

import static com.credbroker.broker.testing.Fixtures.BY_CONNECTION;
import static com.credbroker.broker.testing.Fixtures.CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.storage.testing.PostgresSchema;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import com.credbroker.storage.crypto.ArchiveKey;
import com.credbroker.storage.crypto.MasterKey;
import com.credbroker.storage.testing.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Collections;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.crypto.Mac;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore on PostgreSQL: a node backs up over the admin API (no longer 409), the archive restores
 * into an empty schema that a new node then serves with the same secret, and a schema that already holds
 * tables is refused. Refusals leave the schema empty: an archive under another key is refused before anything
 * is written; an authentic archive from a newer schema is refused after migrating, and the schema is emptied.
 * An archive of the embedded H2 database restores into PostgreSQL as well (rows are data, not a file).
 */
@RequiresPostgres
class BackupPostgresIT {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dir;

    private static Map<String, String> env(PostgresSchema schema, String masterKey) {
        Map<String, String> env = new HashMap<>(schema.brokerEnv());
        env.put("CREDBROKER_MASTER_KEY", masterKey);
        return env;
    }

    @Test
    void aBackupOfOneSchemaRestoresIntoAnEmptyOneAndANodeServesIt() throws Exception {
        String key = RunningBroker.randomKey();
        PostgresSchema source = schemas.create();
        Path archive = dir.resolve("pg.zip");
        try (RunningBroker node = new RunningBroker(dir.resolve("a"), env(source, key))) {
            node.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_pg_b", "tok-pg-backup", 3600));
            HttpResponse<byte[]> response = node.http.postForBytes(BackupRoutes.PATH, RunningBroker.admin());
            assertThat(response.statusCode()).isEqualTo(200);
            Files.write(archive, response.body());
        }

        PostgresSchema target = schemas.create();
        Map<String, String> restoreEnv = new HashMap<>(env(target, key));
        restoreEnv.put("CREDBROKER_DATA_DIR", dir.resolve("restore").toString());
        Map<String, String> otherKey = new HashMap<>(restoreEnv);
        otherKey.put("CREDBROKER_MASTER_KEY", RunningBroker.randomKey());
        assertThatThrownBy(() -> new Restorer().restore(otherKey, archive))
                .isInstanceOf(Restorer.RestoreException.class).hasMessageContaining("not made under this master key");
        assertThat(tables(target)).isZero();
        Path newer = resign(withSchemaVersion(archive, "99"), key);
        assertThatThrownBy(() -> new Restorer().restore(restoreEnv, newer))
                .isInstanceOf(Restorer.RestoreException.class).hasMessageContaining("made by a newer broker");
        assertThat(tables(target)).as("a failure after migrating empties the schema again").isZero();

        Restorer.Report report = new Restorer().restore(restoreEnv, archive);
        assertThat(report.connections()).isEqualTo(1);

        try (RunningBroker node = new RunningBroker(dir.resolve("b"), env(target, key))) {
            HttpResponse<String> found = node.http.get(BY_CONNECTION + "conn_pg_b", RunningBroker.admin());
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(Fixtures.body(found).at("/credentials/access_token").asText()).isEqualTo("tok-pg-backup");
        }
        assertThatThrownBy(() -> new Restorer().restore(restoreEnv, archive))
                .isInstanceOf(Restorer.RestoreException.class).hasMessageContaining("already holds tables");
    }

    @Test
    void anArchiveOfTheEmbeddedDatabaseRestoresIntoPostgres() throws Exception {
        String key = RunningBroker.randomKey();
        Path archive = dir.resolve("h2.zip");
        try (RunningBroker embedded = new RunningBroker(dir.resolve("h2"), Map.of("CREDBROKER_MASTER_KEY", key))) {
            embedded.http.post(CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_h2_pg", "tok-h2-pg", 3600));
            HttpResponse<byte[]> response = embedded.http.postForBytes(BackupRoutes.PATH, RunningBroker.admin());
            assertThat(response.statusCode()).isEqualTo(200);
            Files.write(archive, response.body());
        }
        PostgresSchema target = schemas.create();
        Map<String, String> restoreEnv = new HashMap<>(env(target, key));
        restoreEnv.put("CREDBROKER_DATA_DIR", dir.resolve("restore").toString());

        assertThat(new Restorer().restore(restoreEnv, archive).connections()).isEqualTo(1);

        try (RunningBroker node = new RunningBroker(dir.resolve("pg"), env(target, key))) {
            HttpResponse<String> found = node.http.get(BY_CONNECTION + "conn_h2_pg", RunningBroker.admin());
            assertThat(Fixtures.body(found).at("/credentials/access_token").asText()).isEqualTo("tok-h2-pg");
        }
    }

    private static int tables(PostgresSchema schema) throws Exception {
        try (Connection connection = TestPostgres.connect(schema.jdbcUrl());
             ResultSet rs = connection.getMetaData().getTables(null, schema.name(), "%", null)) {
            int count = 0;
            while (rs.next()) {
                count++;
            }
            return count;
        }
    }

    /** The archive with its manifest's schema version changed (the tag is now wrong: see {@link #resign}). */
    private Path withSchemaVersion(Path archive, String version) throws Exception {
        Path edited = dir.resolve("edited.zip");
        try (ZipFile zip = new ZipFile(archive.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(edited))) {
            out.setComment(zip.getComment());
            for (ZipEntry entry : Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("manifest.json")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8)
                            .replaceFirst("\"schema_version\" : \"[^\"]+\"",
                                    "\"schema_version\" : \"" + version + "\"")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return edited;
    }

    /** Signs an archive as a holder of the master key would: the HMAC of all but the last 64 bytes, in hex there. */
    private static Path resign(Path archive, String masterKey) throws Exception {
        byte[] bytes = Files.readAllBytes(archive);
        Mac mac = ArchiveKey.derive(MasterKey.fromBase64(masterKey, "test")).newMac();
        mac.update(bytes, 0, bytes.length - 64);
        byte[] tag = HexFormat.of().formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, bytes, bytes.length - 64, 64);
        return Files.write(archive, bytes);
    }
}
