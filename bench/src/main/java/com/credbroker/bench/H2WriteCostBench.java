package com.credbroker.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;

/**
 * What the refresh's row writes cost H2 itself, without the broker around them: on an H2 file migrated
 * with the broker's own migrations (so the {@code credentials} table has exactly its real columns and
 * indexes), one thread makes the three writes a scheduled refresh makes per connection: the lease (a
 * batch of 256 in one transaction), then, in commit groups of {@code G} connections, the in-flight marker
 * and the result (new payload, expiry, version). Reports microseconds and kilobytes written per refreshed
 * connection, for the schema as migrated and with the five filter indexes (app name, status, entity, auth
 * config, key term) dropped, so the share of those indexes can be read off. A diagnostic of where the
 * refresh benchmark's time goes, not a figure of the broker (no crypto, no HTTP, no concurrency).
 *
 * <p>Options: {@code --rows=10000 --groups=7,32 --rounds=3 --report=FILE}. Bytes written are
 * {@link ProcessIo#bytesWritten} (Linux; elsewhere they read 0).
 */
public final class H2WriteCostBench {
    private static final int CLAIM_BATCH = 256;
    private static final int PAYLOAD_BYTES = 700;
    private static final List<String> FILTER_INDEXES = List.of("ix_credentials_app_name", "ix_credentials_status",
            "ix_credentials_entity", "ix_credentials_auth_config", "ix_credentials_key_term");
    private static final String LEASE = "UPDATE credentials SET lease_owner = ?, lease_until = ?,"
            + " refresh_epoch = refresh_epoch + 1, refresh_sent_at = NULL WHERE credential_id = ?";
    private static final String MARK = "UPDATE credentials SET refresh_sent_at = ? WHERE credential_id = ?";
    private static final String RESULT = "UPDATE credentials SET payload = ?, expires_at = ?, updated_at = ?,"
            + " version = version + 1, status_reason = NULL, lease_owner = NULL, lease_until = NULL,"
            + " refresh_sent_at = NULL WHERE credential_id = ?";

    private final Random random = new Random(7);
    private final byte[] payload = new byte[PAYLOAD_BYTES];

    private H2WriteCostBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchCli.quietBrokerLogsUnlessAsked("WARN");
        Logger output = BenchCli.output(H2WriteCostBench.class);
        Map<String, String> options = BenchCli.options(args);
        int rows = Integer.parseInt(options.getOrDefault("rows", "10000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        StringBuilder report = new StringBuilder("| schema | commit group | round | µs per connection"
                + " | KB written per connection |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (String group : options.getOrDefault("groups", "7,32").split(",")) {
            for (boolean filterIndexes : new boolean[] {true, false}) {
                String schema = filterIndexes ? "as migrated" : "without the 5 filter indexes";
                for (RoundCost round : new H2WriteCostBench().run(rows, Integer.parseInt(group), rounds, filterIndexes)) {
                    String line = String.format("| %s | %s | %d | %.0f | %.1f |", schema, group, round.round(),
                            round.micros(), round.kilobytes());
                    output.info("h2-write-cost: {}", line);
                    report.append(line).append('\n');
                }
            }
        }
        BenchCli.publish(output, report.toString(), options);
    }

    /** One round's figures per refreshed connection. */
    private record RoundCost(int round, double micros, double kilobytes) {
    }

    private List<RoundCost> run(int rows, int group, int rounds, boolean filterIndexes) throws Exception {
        Path dir = Files.createTempDirectory("h2-write-cost");
        String url = "jdbc:h2:file:" + dir.resolve("credbroker") + ";WRITE_DELAY=0";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2").load().migrate();
        List<RoundCost> figures = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            if (!filterIndexes) {
                dropFilterIndexes(connection);
            }
            List<String> ids = seed(connection, rows);
            for (int round = 1; round <= rounds; round++) {
                Collections.shuffle(ids, random);
                long written = ProcessIo.bytesWritten();
                long started = System.nanoTime();
                refreshAll(connection, ids, group);
                figures.add(new RoundCost(round, (System.nanoTime() - started) / 1e3 / rows,
                        (ProcessIo.bytesWritten() - written) / 1024.0 / rows));
            }
        } finally {
            BenchBroker.deleteTree(dir);
        }
        return figures;
    }

    private static void dropFilterIndexes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String index : FILTER_INDEXES) {
                statement.execute("DROP INDEX " + index);
            }
        }
    }

    private List<String> seed(Connection connection, int rows) throws SQLException {
        List<String> ids = new ArrayList<>(rows);
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO credentials (credential_id,"
                + " connection_id, status, app_name, auth_scheme, entity_id, auth_config_id, is_disabled, expires_at,"
                + " created_at, updated_at, version, key_term, payload, has_refresh_token) VALUES"
                + " (?, ?, 'ACTIVE', ?, 'OAUTH2', ?, ?, FALSE, ?, ?, ?, 1, 1, ?, TRUE)")) {
            for (int i = 0; i < rows; i++) {
                String id = "cred_" + UUID.randomUUID();
                ids.add(id);
                random.nextBytes(payload);
                insert.setString(1, id);
                insert.setString(2, "conn_" + UUID.randomUUID());
                insert.setString(3, "app-" + (i % 8));
                insert.setString(4, "user-" + i);
                insert.setString(5, "ac_" + (i % 8));
                insert.setObject(6, now().plusSeconds(i));
                insert.setObject(7, now());
                insert.setObject(8, now());
                insert.setBytes(9, payload);
                insert.addBatch();
                if (i % 500 == 499 || i == rows - 1) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
        return ids;
    }

    /** Lease, marker and result for every connection: leases a batch at a time, the rest in commit groups. */
    private void refreshAll(Connection connection, List<String> ids, int group) throws SQLException {
        try (PreparedStatement lease = connection.prepareStatement(LEASE);
             PreparedStatement mark = connection.prepareStatement(MARK);
             PreparedStatement result = connection.prepareStatement(RESULT)) {
            for (int first = 0; first < ids.size(); first += CLAIM_BATCH) {
                List<String> batch = ids.subList(first, Math.min(ids.size(), first + CLAIM_BATCH));
                for (String id : batch) {
                    lease.setString(1, "bench");
                    lease.setObject(2, now().plusMinutes(1));
                    lease.setString(3, id);
                    lease.addBatch();
                }
                lease.executeBatch();
                connection.commit();
                for (int from = 0; from < batch.size(); from += group) {
                    List<String> members = batch.subList(from, Math.min(batch.size(), from + group));
                    markAndStore(connection, members, mark, result);
                }
            }
        }
    }

    private void markAndStore(Connection connection, List<String> members, PreparedStatement mark,
            PreparedStatement result) throws SQLException {
        for (String id : members) {
            mark.setObject(1, now());
            mark.setString(2, id);
            mark.executeUpdate();
        }
        connection.commit();
        for (String id : members) {
            random.nextBytes(payload);
            result.setBytes(1, payload);
            result.setObject(2, now().plusHours(1));
            result.setObject(3, now());
            result.setString(4, id);
            result.executeUpdate();
        }
        connection.commit();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
