package com.credbroker.storage.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupedTransactionsH2IT {
    private static final int WAITING = 10;

    @TempDir
    Path tmp;
    private Database database;
    private GroupedTransactions grouped;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() throws SQLException {
        database = TestDatabases.h2File(tmp);
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE grouped (id INT PRIMARY KEY, tx VARCHAR(64))");
        }
        grouped = new GroupedTransactions(database.dataSource(), "grouped test write");
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
        database.close();
    }

    @Test
    void callersThatArriveDuringACommitShareTheNextTransactionAndEachGetsItsOwnResult() throws Exception {
        CountDownLatch leaderInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> leader = threads.submit(() -> grouped.run(c -> {
            insert(c, 0);
            leaderInside.countDown();
            await(release);
            return 0;
        }));
        assertThat(leaderInside.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<Integer>> followers = new ArrayList<>();
        for (int i = 1; i <= WAITING; i++) {
            int id = i;
            followers.add(threads.submit(() -> grouped.run(c -> {
                insert(c, id);
                return id * 100;
            })));
        }
        awaitQueued(WAITING);
        release.countDown();

        assertThat(leader.get(10, TimeUnit.SECONDS)).isZero();
        for (int i = 0; i < WAITING; i++) {
            assertThat(followers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((i + 1) * 100);
        }
        assertThat(transactionsOf(0)).hasSize(1);
        List<String> followerTransactions = transactionsOf(1, WAITING);
        assertThat(followerTransactions).hasSize(1).doesNotContainAnyElementsOf(transactionsOf(0));
    }

    @Test
    void aFailingUnitFailsOnlyItsOwnCallerAndTheOthersCommit() throws Exception {
        grouped.run(c -> insert(c, 7));
        CountDownLatch leaderInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> leader = threads.submit(() -> grouped.run(c -> {
            leaderInside.countDown();
            await(release);
            return insert(c, 1);
        }));
        assertThat(leaderInside.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Integer> duplicate = threads.submit(() -> grouped.run(c -> insert(c, 7)));
        Future<Integer> fine = threads.submit(() -> grouped.run(c -> insert(c, 2)));
        awaitQueued(2);
        release.countDown();

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(fine.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(StorageException.class);
        assertThat(ids()).containsExactly(1, 2, 7);
    }

    @Test
    void aLoneCallerIsCommittedAtOnce() {
        int written = grouped.run(c -> insert(c, 5));
        assertThat(written).isEqualTo(1);
        assertThat(ids()).containsExactly(5);
    }

    private void awaitQueued(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (grouped.queued() < count) {
            assertThat(System.nanoTime()).as("callers queued").isLessThan(deadline);
            Thread.yield(); // other threads arriving, not time passing
        }
    }

    private static int insert(Connection c, int id) throws SQLException {
        // TRANSACTION_ID() is null until the transaction has changed something, hence two statements.
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO grouped (id) VALUES (?)");
             PreparedStatement tag = c.prepareStatement("UPDATE grouped SET tx = TRANSACTION_ID() WHERE id = ?")) {
            insert.setInt(1, id);
            int inserted = insert.executeUpdate();
            tag.setInt(1, id);
            tag.executeUpdate();
            return inserted;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> transactionsOf(int from, int to) {
        return query("SELECT DISTINCT tx FROM grouped WHERE id BETWEEN " + from + " AND " + to);
    }

    private List<String> transactionsOf(int id) {
        return transactionsOf(id, id);
    }

    private List<Integer> ids() {
        return query("SELECT id FROM grouped ORDER BY id").stream().map(Integer::valueOf).toList();
    }

    private List<String> query(String sql) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
