package com.credbroker.refresh.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.refresh.testing.Await;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.PostgresSchema;
import com.credbroker.storage.testing.PostgresSchemas;
import com.credbroker.storage.testing.RequiresPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' refresh schedules in one Quartz cluster on one PostgreSQL schema (each node with its own
 * connection pool): the scan fires on one node at a time, about once per interval in all (not once per
 * node), and when one node stops the other goes on. Real time: Quartz runs on the system clock.
 */
@RequiresPostgres
class RefreshScheduleClusterPostgresIT {
    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Duration SCAN_TIME = Duration.ofMillis(150);

    @RegisterExtension
    final PostgresSchemas schemas = new PostgresSchemas();
    @TempDir
    Path dataDir;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final ScanLog log = new ScanLog();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private RefreshSchedule node(PostgresSchema schema, String id) {
        Database database = schema.openDatabase(dataDir.resolve(id));
        opened.add(database);
        RefreshSchedule schedule = RefreshSchedule.start(log.scanOn(id), INTERVAL,
                ScheduleStore.clustered(database.dataSource()), id);
        opened.add(schedule);
        return schedule;
    }

    @Test
    void twoClusteredSchedulersFireTheScanOnOneNodeAtATime() throws Exception {
        PostgresSchema schema = schemas.create();
        node(schema, "node-a");
        node(schema, "node-b");
        long started = System.nanoTime();

        assertThat(Await.until(() -> log.count() >= 12, Duration.ofSeconds(30))).isTrue();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(log.overlaps()).isZero();
        // once per interval for the cluster, plus the first firing of each node's start
        assertThat((long) log.count()).isLessThanOrEqualTo(elapsed.toMillis() / INTERVAL.toMillis() + 3);
        assertThat(clusterMembers(schema)).containsExactlyInAnyOrder("node-a", "node-b");
    }

    @Test
    void whenOneNodeStopsTheOtherGoesOnScanning() {
        PostgresSchema schema = schemas.create();
        RefreshSchedule a = node(schema, "node-a");
        node(schema, "node-b");
        assertThat(Await.until(() -> log.count() >= 3, Duration.ofSeconds(30))).isTrue();

        a.close();
        int afterStop = log.count();

        assertThat(Await.until(() -> log.countOn("node-b", afterStop) >= 3, Duration.ofSeconds(45))).isTrue();
        assertThat(log.overlaps()).isZero();
    }

    private List<String> clusterMembers(PostgresSchema schema) throws Exception {
        try (Database database = schema.openDatabase(dataDir.resolve("probe"));
             Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = ?")) {
            select.setString(1, RefreshSchedule.SCHEDULER_NAME);
            List<String> members = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    members.add(rows.getString(1));
                }
            }
            return members;
        }
    }

    /** Records which node ran each scan, and whether two scans ever ran at once anywhere. */
    private static final class ScanLog {
        private final List<String> nodes = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger overlaps = new AtomicInteger();

        Runnable scanOn(String node) {
            return () -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                nodes.add(node);
                LockSupport.parkNanos(SCAN_TIME.toNanos()); // a scan that takes a while
                running.decrementAndGet();
            };
        }

        int count() {
            return nodes.size();
        }

        /** Scans on {@code node} after the first {@code skip} scans. */
        long countOn(String node, int skip) {
            synchronized (nodes) {
                return nodes.stream().skip(skip).filter(node::equals).count();
            }
        }

        int overlaps() {
            return overlaps.get();
        }
    }
}
