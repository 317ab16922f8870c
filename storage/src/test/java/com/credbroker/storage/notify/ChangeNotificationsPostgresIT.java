package com.credbroker.storage.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresSchema;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import com.credbroker.storage.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V7's announcements as a node hears them: committed writes to credentials, API keys and auth
 * configs, in commit order; not lease bookkeeping, not rolled-back writes, not another schema's writes; and
 * after a lost connection, a reconnect that says everything may have changed.
 */
@RequiresPostgres
class ChangeNotificationsPostgresIT {
    private static final String ANYTHING = "*";

    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dataDir;

    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private PostgresSchema schema;
    private Database database;
    private PostgresChangeListener listener;

    @BeforeEach
    void listen() throws Exception {
        schema = schemas.create();
        database = schema.openDatabase(dataDir);
        listener = new PostgresChangeListener(() -> TestPostgres.connect(schema.jdbcUrl()), new Recorder(heard),
                Duration.ofMillis(100)).start();
        assertThat(next()).isEqualTo(ANYTHING);
    }

    @AfterEach
    void stop() {
        listener.close();
        database.close();
    }

    @Test
    void aCommittedCredentialWriteIsHeardWithItsConnectionId() throws Exception {
        sql(schema, insertCredential("cred_1", "conn_1"));
        assertThat(next()).isEqualTo("c:conn_1");

        sql(schema, "UPDATE credentials SET version = version + 1, status = 'EXPIRED' WHERE credential_id = 'cred_1'");
        assertThat(next()).isEqualTo("c:conn_1");

        sql(schema, "DELETE FROM credentials WHERE credential_id = 'cred_1'");
        assertThat(next()).isEqualTo("c:conn_1");
    }

    @Test
    void leaseBookkeepingAndRolledBackWritesAreNotAnnounced() throws Exception {
        sql(schema, insertCredential("cred_2", "conn_2"));
        assertThat(next()).isEqualTo("c:conn_2");

        sql(schema, "UPDATE credentials SET lease_owner = 'node-a', refresh_epoch = refresh_epoch + 1");
        try (Connection connection = TestPostgres.connect(schema.jdbcUrl())) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE credentials SET version = version + 1");
            }
            connection.rollback();
        }
        sql(schema, insertApiKey("key_1"));

        // announcements arrive in commit order: the key is next, so nothing came in between
        assertThat(next()).isEqualTo("k:");
    }

    @Test
    void anotherSchemasWritesAreNotHeard() throws Exception {
        PostgresSchema other = schemas.create();
        Database otherDatabase = other.openDatabase(dataDir.resolve("other"));
        try {
            sql(other, insertCredential("cred_x", "conn_other"));
        } finally {
            otherDatabase.close();
        }
        sql(schema, insertCredential("cred_3", "conn_mine"));

        assertThat(next()).isEqualTo("c:conn_mine");
    }

    @Test
    void apiKeyAndAuthConfigChangesAreHeard() throws Exception {
        sql(schema, insertApiKey("key_2"));
        assertThat(next()).isEqualTo("k:");
        sql(schema, "UPDATE api_keys SET revoked_at = now() WHERE id = 'key_2'");
        assertThat(next()).isEqualTo("k:");
        sql(schema, "DELETE FROM auth_configs");
        assertThat(next()).isEqualTo("a:");
    }

    @Test
    void aLostConnectionIsReopenedAndEverythingDropped() throws Exception {
        sql(schema, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN \""
                + PostgresChangeListener.channel(schema.name()) + "\"'");

        assertThat(next()).isEqualTo(ANYTHING);
        sql(schema, insertCredential("cred_4", "conn_4"));
        assertThat(next()).isEqualTo("c:conn_4");
    }

    private String next() throws InterruptedException {
        String event = heard.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an announcement within 10 s").isNotNull();
        return event;
    }

    private static String insertCredential(String credentialId, String connectionId) {
        return "INSERT INTO credentials (credential_id, connection_id, status, auth_scheme, is_disabled, created_at,"
                + " updated_at, version, key_term, payload) VALUES ('" + credentialId + "', '" + connectionId
                + "', 'ACTIVE', 'OAUTH2', FALSE, now(), now(), 1, 1, '\\x00')";
    }

    private static String insertApiKey(String id) {
        return "INSERT INTO api_keys (id, kind, name, scopes, secret_hash, created_at) VALUES ('" + id
                + "', 'API', 'k', 'admin', decode(md5('" + id + "'), 'hex'), now())";
    }

    private static void sql(PostgresSchema schema, String sql) throws SQLException {
        try (Connection connection = TestPostgres.connect(schema.jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private record Recorder(BlockingQueue<String> heard) implements ChangeHandler {
        @Override
        public void connectionChanged(String connectionId) {
            heard.add("c:" + connectionId);
        }

        @Override
        public void apiKeysChanged() {
            heard.add("k:");
        }

        @Override
        public void authConfigsChanged() {
            heard.add("a:");
        }

        @Override
        public void anythingMayHaveChanged() {
            heard.add(ANYTHING);
        }
    }
}
