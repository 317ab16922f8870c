package com.credbroker.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log contract on an H2 file database, plus tampering with rows through SQL. */
class JdbcAuditLogH2IT extends AuditLogContract {
    @TempDir
    Path dataDir;
    private Database database;

    @Override
    protected AuditLog openAuditLog() {
        database = TestDatabases.h2File(dataDir);
        return new JdbcAuditLog(database.dataSource());
    }

    @Override
    protected void closeStore() {
        database.close();
    }

    @Test
    void verifyReportsTheFirstTamperedRecord() throws Exception {
        for (int i = 0; i < 10; i++) {
            audit.append(entry("conn-1", "r" + i)).join();
        }
        execute("UPDATE audit_log SET outcome = 'denied' WHERE seq = 4");
        AuditVerification verification = audit.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(4);
    }

    @Test
    void verifyDetectsADeletedRecordAndATruncatedTail() throws Exception {
        for (int i = 0; i < 5; i++) {
            audit.append(entry("conn-1", "r" + i)).join();
        }
        execute("DELETE FROM audit_log WHERE seq = 5");
        assertThat(audit.verify().firstBrokenSeq()).isEqualTo(5);
        execute("DELETE FROM audit_log WHERE seq = 2");
        assertThat(audit.verify().firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    void aFailingDatabaseFailsTheFutures() {
        audit.append(entry("conn-1", "ok")).join();
        database.close();
        CompletableFuture<AuditRecord> failed = audit.append(entry("conn-1", "lost"));
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                .hasMessageContaining("audit records could not be written");
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
