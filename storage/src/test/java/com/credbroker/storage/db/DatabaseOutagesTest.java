package com.credbroker.storage.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** An unreachable database is told apart from a failing statement, through any wrapping. */
class DatabaseOutagesTest {

    @Test
    void lostConnectionsTerminatedBackendsAndClosedH2FilesAreOutages() {
        assertThat(DatabaseOutages.isOutage(new StorageException("lookup",
                new SQLTransientConnectionException("pool timed out")))).isTrue();
        assertThat(DatabaseOutages.isOutage(new StorageException("claim", new SQLException("x", "57P01")))).isTrue();
        assertThat(DatabaseOutages.isOutage(new StorageException("claim", new SQLException("x", "08006")))).isTrue();
        assertThat(DatabaseOutages.isOutage(new RuntimeException(new SQLException("x", "28000")))).isTrue();
        assertThat(DatabaseOutages.isOutage(new StorageException("read", new SQLException("x", "90098")))).isTrue();
    }

    @Test
    void aFailingStatementOrConflictIsNotAnOutage() {
        assertThat(DatabaseOutages.isOutage(new StorageException("insert", new SQLException("x", "23505")))).isFalse();
        assertThat(DatabaseOutages.isOutage(new StorageException("select", new SQLException("x", "42S02")))).isFalse();
        assertThat(DatabaseOutages.isOutage(new StorageException("no cause"))).isFalse();
        assertThat(DatabaseOutages.isOutage(new IllegalStateException("bug"))).isFalse();
    }
}
