package com.credbroker.storage.connectioncheck;

import static com.credbroker.storage.db.Jdbc.getInstant;
import static com.credbroker.storage.db.Jdbc.instant;

import com.credbroker.storage.db.Transactions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;

/**
 * {@link ConnectionCheckRepository} with Jdbi over {@code connection_health}: update, else insert
 * (no dialect-specific upsert); a concurrent first insert loses on the primary key and is retried as an
 * update. Every call joins a transaction its thread has open on the same data source ({@link Transactions}).
 * Thread-safe.
 */
public final class JdbcConnectionCheckRepository implements ConnectionCheckRepository {
    private static final int ATTEMPTS = 3;
    private static final String UPDATE = "UPDATE connection_health SET status = :status, reason = :reason,"
            + " http_status = :http_status, checked_at = :checked_at WHERE credential_id = :credential_id";
    private static final String INSERT = "INSERT INTO connection_health (status, reason, http_status, checked_at,"
            + " credential_id) VALUES (:status, :reason, :http_status, :checked_at, :credential_id)";
    private static final String SELECT = "SELECT status, reason, http_status, checked_at FROM connection_health"
            + " WHERE credential_id = :credential_id";

    private final Transactions transactions;

    public JdbcConnectionCheckRepository(DataSource dataSource) {
        this.transactions = Transactions.of(dataSource);
    }

    @Override
    public Optional<CheckResult> find(String credentialId) {
        return transactions.withHandle("connection health lookup", handle -> handle.createQuery(SELECT)
                .bind("credential_id", credentialId)
                .map((rows, context) -> check(rows))
                .findOne());
    }

    private static CheckResult check(ResultSet rows) throws SQLException {
        int status = rows.getInt("http_status");
        Integer httpStatus = rows.wasNull() ? null : status;
        return new CheckResult(CheckVerdict.valueOf(rows.getString("status")), rows.getString("reason"), httpStatus,
                getInstant(rows, "checked_at"));
    }

    @Override
    public boolean record(String credentialId, CheckResult check) {
        return transactions.inTransaction("connection health record", ATTEMPTS, handle ->
                write(handle, UPDATE, credentialId, check) == 1
                        || connectionExists(handle, credentialId) && write(handle, INSERT, credentialId, check) == 1);
    }

    /** Checked first so that a deleted connection is a plain false, not a foreign key violation. */
    private static boolean connectionExists(Handle handle, String credentialId) {
        return handle.createQuery("SELECT 1 FROM credentials WHERE credential_id = :credential_id")
                .bind("credential_id", credentialId)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent();
    }

    private static int write(Handle handle, String sql, String credentialId, CheckResult check) {
        return handle.createUpdate(sql)
                .bind("status", check.status().name())
                .bind("reason", check.reason())
                .bindByType("http_status", check.httpStatus(), Integer.class)
                .bind("checked_at", instant(check.checkedAt()))
                .bind("credential_id", credentialId)
                .execute();
    }
}
