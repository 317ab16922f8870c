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
import java.net.http.HttpResponse;
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
 * tables is refused.
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
}
