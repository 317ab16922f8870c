package com.credbroker.broker.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.testing.Fixtures;
import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.refresh.testing.Await;
import com.credbroker.storage.testing.PostgresSchema;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import com.credbroker.storage.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes that start at the same time on a new PostgreSQL schema with the same master key and
 * {@code CREDBROKER_ADMIN_KEY} both start, whichever way their start-up writes interleave. The worst
 * interleaving is forced, not hoped for: a gate holds an {@code EXCLUSIVE} lock on a table (reads pass,
 * inserts wait) until both nodes have looked, found nothing, and wait to insert; then it opens, and both
 * inserts race: the keyring's creation (the loser loads the winner's keyring), the admin key's registration
 * (the loser reads the winner's row), and the lock rows of Quartz's cluster (the gate on {@code qrtz_locks}
 * holds Quartz's {@code SELECT ... FOR UPDATE} of a row it inserts when missing; on a duplicate Quartz rolls
 * back and locks the winner's row a second later). The schema itself is migrated under Flyway's PostgreSQL
 * advisory lock, and Flyway retries the creation of its history table, so migrations need no gate.
 */
@RequiresPostgres
class StartTogetherPostgresIT {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dir;

    @Test
    void twoNodesThatBothFindNoKeyringNoAdminKeyAndNoScheduleBothStartOnOneKeyringWithOneAdminKey() throws Exception {
        PostgresSchema schema = schemas.create();
        schema.openDatabase(dir.resolve("migrate")).close(); // the tables exist, so they can be locked; no rows
        Map<String, String> env = new java.util.HashMap<>(schema.brokerEnv());
        env.put("CREDBROKER_MASTER_KEY", RunningBroker.randomKey());
        ExecutorService starters = Executors.newFixedThreadPool(2);
        List<CompletableFuture<RunningBroker>> nodes = new ArrayList<>();
        try (Gate keyring = Gate.close(schema, "keyring_meta"); Gate adminKey = Gate.close(schema, "api_keys");
             Gate schedule = Gate.close(schema, "qrtz_locks")) {
            for (String name : new String[] {"a", "b"}) {
                nodes.add(CompletableFuture.supplyAsync(() -> start(dir.resolve(name), env), starters));
            }
            pass(keyring, nodes, "both nodes found no keyring and wait to create it");
            pass(adminKey, nodes, "both nodes found no admin key and wait to register it");
            pass(schedule, nodes, "both nodes wait to lock the refresh schedule");

            RunningBroker a = nodes.get(0).join();
            RunningBroker b = nodes.get(1).join();
            assertThat(count(schema, "SELECT COUNT(*) FROM api_keys WHERE name = 'bootstrap-admin'")).isEqualTo(1);
            assertThat(count(schema, "SELECT COUNT(*) FROM keyring_terms")).isEqualTo(1);
            for (RunningBroker node : List.of(a, b)) {
                assertThat(node.http.get(Fixtures.API_KEYS, RunningBroker.admin()).statusCode()).isEqualTo(200);
            }
            // one keyring: what one node sealed, the other opens
            assertThat(a.http.post(Fixtures.CREDENTIALS, RunningBroker.admin(),
                    Fixtures.oauth2("conn_both", "tok-both", 3600)).statusCode()).isEqualTo(201);
            assertThat(Fixtures.body(b.http.get(Fixtures.BY_CONNECTION + "conn_both", RunningBroker.admin()))
                    .at("/credentials/access_token").asText()).isEqualTo("tok-both");
        } finally {
            for (CompletableFuture<RunningBroker> node : nodes) {
                node.thenAccept(RunningBroker::close).exceptionally(failed -> null).join();
            }
            starters.shutdownNow();
        }
    }

    /** Opens the gate once both nodes wait at it; fails at once, saying why, when a node failed to start. */
    private static void pass(Gate gate, List<CompletableFuture<RunningBroker>> nodes, String what) throws SQLException {
        boolean bothWaiting = Await.until(() -> gate.waiting() >= 2 || !failures(nodes).isEmpty(), BOUND);
        assertThat(failures(nodes)).as("nodes that failed to start").isEmpty();
        assertThat(bothWaiting).as(what).isTrue();
        gate.open();
    }

    private static List<String> failures(List<CompletableFuture<RunningBroker>> nodes) {
        return nodes.stream().filter(CompletableFuture::isCompletedExceptionally)
                .map(node -> node.handle((started, failure) -> String.valueOf(failure.getCause())).join()).toList();
    }

    private static RunningBroker start(Path dataDir, Map<String, String> env) {
        try {
            return new RunningBroker(dataDir, env);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static long count(PostgresSchema schema, String sql) throws SQLException {
        try (Connection connection = TestPostgres.connect(schema.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** An open transaction holding an {@code EXCLUSIVE} lock on one table of the schema until {@link #open()}. */
    private static final class Gate implements AutoCloseable {
        private final Connection connection;
        private final PostgresSchema schema;
        private final String table;

        private Gate(Connection connection, PostgresSchema schema, String table) {
            this.connection = connection;
            this.schema = schema;
            this.table = table;
        }

        static Gate close(PostgresSchema schema, String table) throws SQLException {
            Connection connection = TestPostgres.connect(schema.jdbcUrl());
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
            }
            return new Gate(connection, schema, table);
        }

        /** How many sessions wait for this gate's lock. */
        long waiting() {
            try (Connection probe = TestPostgres.connect(schema.jdbcUrl());
                 PreparedStatement select = probe.prepareStatement("SELECT COUNT(*) FROM pg_locks l"
                         + " JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
                         + " WHERE NOT l.granted AND c.relname = ? AND n.nspname = ?")) {
                select.setString(1, table);
                select.setString(2, schema.name());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        void open() throws SQLException {
            if (!connection.isClosed()) {
                connection.commit();
                connection.close();
            }
        }

        @Override
        public void close() throws SQLException {
            open();
        }
    }
}
