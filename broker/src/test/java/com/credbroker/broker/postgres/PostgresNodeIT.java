package com.credbroker.broker.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.broker.Broker;
import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.config.ConfigLoader;
import com.credbroker.storage.crypto.WrongMasterKeyException;
import com.credbroker.storage.testing.MutableClock;
import com.credbroker.storage.testing.PostgresSchema;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real broker with {@code CREDBROKER_DB_URL=jdbc:postgresql:...}: everything it keeps (credentials,
 * keyring, keys, audit trail, Quartz's cluster state) is in its schema, nothing in the data directory.
 */
@RequiresPostgres
class PostgresNodeIT {
    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dataDir;

    private static Map<String, String> env(PostgresSchema schema, String masterKey) {
        Map<String, String> env = new HashMap<>(schema.brokerEnv());
        env.put("CREDBROKER_MASTER_KEY", masterKey);
        return env;
    }

    @Test
    void aNodeOnPostgresKeepsEverythingInItsSchema() throws Exception {
        PostgresSchema schema = schemas.create();
        try (RunningBroker node = new RunningBroker(dataDir, env(schema, RunningBroker.randomKey()))) {
            HttpResponse<String> created = node.http.post(Fixtures.CREDENTIALS, RunningBroker.admin(),
                    Fixtures.oauth2("conn_pg", "tok-pg", 3600));
            assertThat(created.statusCode()).isEqualTo(201);
            HttpResponse<String> found = node.http.get(Fixtures.BY_CONNECTION + "conn_pg", RunningBroker.admin());
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(Fixtures.body(found).at("/credentials/access_token").asText()).isEqualTo("tok-pg");
            assertThat(node.http.get("/health/ready", Map.of()).statusCode()).isEqualTo(200);

            try (Connection connection = node.broker().storage().database().dataSource().getConnection()) {
                assertThat(count(connection, "credentials")).isEqualTo(1);
                assertThat(count(connection, "audit_log")).isPositive();
                assertThat(column(connection, "SELECT instance_name FROM qrtz_scheduler_state"))
                        .containsExactly(node.broker().refresh().owner());
            }
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).noneMatch(file -> file.getFileName().toString().startsWith("credbroker"));
        }
    }

    @Test
    void twoNodesInOneJvmShareOneSchemaAndOneQuartzCluster() throws Exception {
        PostgresSchema schema = schemas.create();
        String masterKey = RunningBroker.randomKey();
        try (RunningBroker a = new RunningBroker(dataDir.resolve("a"), env(schema, masterKey));
             RunningBroker b = new RunningBroker(dataDir.resolve("b"), env(schema, masterKey))) {
            a.http.post(Fixtures.CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_ab", "tok-ab", 3600));

            HttpResponse<String> onB = b.http.get(Fixtures.BY_CONNECTION + "conn_ab", RunningBroker.admin());
            assertThat(onB.statusCode()).isEqualTo(200);
            assertThat(Fixtures.body(onB).at("/credentials/access_token").asText()).isEqualTo("tok-ab");
            try (Connection connection = a.broker().storage().database().dataSource().getConnection()) {
                assertThat(column(connection, "SELECT instance_name FROM qrtz_scheduler_state"))
                        .containsExactlyInAnyOrder(a.broker().refresh().owner(), b.broker().refresh().owner());
            }
        }
    }

    @Test
    void aWrongMasterKeyRefusesToStart() throws Exception {
        PostgresSchema schema = schemas.create();
        try (RunningBroker first = new RunningBroker(dataDir, env(schema, RunningBroker.randomKey()))) {
            first.http.post(Fixtures.CREDENTIALS, RunningBroker.admin(), Fixtures.oauth2("conn_k", "tok-k", 3600));
        }
        Map<String, String> env = env(schema, RunningBroker.randomKey());
        env.put("CREDBROKER_DATA_DIR", dataDir.toString());

        assertThatThrownBy(() -> Broker.start(ConfigLoader.load(env), new MutableClock()).close())
                .isInstanceOf(WrongMasterKeyException.class);
    }

    private static long count(Connection connection, String table) throws Exception {
        return Long.parseLong(column(connection, "SELECT COUNT(*) FROM " + table).get(0));
    }

    private static List<String> column(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
