package com.credbroker.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.credbroker.storage.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The audit log contract for {@link JdbcAuditLog}, plus tampering with rows through SQL and a failing
 * database. Subclasses supply the database.
 */
abstract class JdbcAuditLogContract extends AuditLogContract {
    private Database database;

    /** A fresh, migrated, empty database. */
    protected abstract Database openDatabase() throws Exception;

    @Override
    protected AuditLog openAuditLog() throws Exception {
        database = openDatabase();
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
    void twoLogsOnOneDatabaseExtendOneChainLikeTwoNodes() throws Exception {
        try (JdbcAuditLog other = new JdbcAuditLog(database.dataSource())) {
            List<CompletableFuture<AuditRecord>> appended = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                appended.add((i % 2 == 0 ? audit : other).append(entry("conn-" + i % 3, "r" + i)));
            }
            appended.forEach(CompletableFuture::join);
        }
        assertThat(audit.verify()).isEqualTo(new AuditVerification(true, 200, null));
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
