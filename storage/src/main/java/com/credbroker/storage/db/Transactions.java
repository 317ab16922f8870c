package com.credbroker.storage.db;

import java.lang.ref.WeakReference;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.extension.HandleSupplier;

/**
 * Transactions that repositories can join: one {@link Jdbi} over a {@link DataSource}, whose handle is
 * kept per thread while a unit of work runs. A repository call made while a transaction is open on the
 * same thread and the same data source runs on that transaction's handle and commits or rolls back with
 * it; with none open, it runs in a transaction of its own. So a service can make several repository
 * writes atomic by wrapping them in {@link #inTransaction(String, Supplier)}, without the repositories
 * knowing.
 *
 * <p>Conflicts (a lost race: unique violation, serialization failure, deadlock, lock timeout; see
 * {@link Jdbc#isConflict}) are retried by the <em>outermost</em> transaction only, as a whole: a joined
 * unit cannot retry alone (on PostgreSQL the failed statement has already aborted the transaction), so
 * its failure goes to the outer one, which retries when it was given attempts, or fails.
 *
 * <p>Every failure of the database surfaces as a {@link StorageException} naming the operation, whose
 * cause is the driver's {@link SQLException} (never a bound value); runtime exceptions of the work itself
 * (a payload that does not open, a domain refusal) pass unchanged and roll the transaction back.
 *
 * <p>One instance per data source ({@link #of}): units on two instances over one pool would not see each
 * other's handle and could not join. Thread-safe. A thread's transaction is never shared with another
 * thread: work handed to another thread (the audit writer, {@link GroupedTransactions}) commits on its own.
 */
public final class Transactions {
    private static final Map<DataSource, Transactions> BY_SOURCE = Collections.synchronizedMap(new WeakHashMap<>());

    private final Jdbi jdbi;

    private Transactions(DataSource dataSource) {
        // weakly, so that the cache's value does not keep its own key (a closed pool) alive
        WeakReference<DataSource> source = new WeakReference<>(dataSource);
        this.jdbi = Jdbi.create(() -> {
            DataSource live = source.get();
            if (live == null) {
                throw new SQLException("the data source is gone");
            }
            return live.getConnection();
        });
    }

    /**
     * The one instance over {@code dataSource} (compared by identity; pools do not override equals). Kept
     * weakly: a closed and dropped pool takes its instance with it.
     */
    public static Transactions of(DataSource dataSource) {
        return BY_SOURCE.computeIfAbsent(dataSource, Transactions::new);
    }

    /** A unit of work on the transaction's handle. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Handle handle) throws SQLException;
    }

    /** True when this thread has a transaction open on this data source: a unit started now joins it. */
    public boolean isActive() {
        HandleSupplier open = jdbi.getHandleScope().get();
        return open != null && open.getHandle().isInTransaction();
    }

    /**
     * Runs {@code work} in one transaction, joining this thread's open one; no retry. For services that
     * make repository calls atomic: every repository call inside {@code work} joins.
     */
    public <T> T inTransaction(String operation, Supplier<T> work) {
        return inTransaction(operation, 1, handle -> work.get());
    }

    /** Runs {@code work} in one transaction, joining this thread's open one; no retry. */
    public <T> T inTransaction(String operation, Work<T> work) {
        return inTransaction(operation, 1, work);
    }

    /**
     * Runs {@code work} in one transaction. When this thread already has one open, {@code work} joins it
     * (and {@code attempts} does not apply); otherwise a lost race is retried, the whole transaction again,
     * up to {@code attempts} times in all.
     */
    public <T> T inTransaction(String operation, int attempts, Work<T> work) {
        if (isActive()) {
            return once(operation, work);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return once(operation, work);
            } catch (StorageException e) {
                if (attempt >= attempts || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs {@code work} on a handle without opening a transaction of its own: a read. Inside an open
     * transaction it reads on that transaction's handle (and so sees its uncommitted writes).
     */
    public <T> T withHandle(String operation, Work<T> work) {
        return translated(operation, () -> jdbi.withHandle(handle -> work.run(handle)));
    }

    private <T> T once(String operation, Work<T> work) {
        return translated(operation, () -> jdbi.inTransaction(handle -> work.run(handle)));
    }

    /** A call into Jdbi that may throw what {@link Work} throws. */
    private interface JdbiCall<T> {
        T call() throws SQLException;
    }

    /** Runs {@code call}, reporting any failure as the one {@link StorageException} of {@code operation}. */
    private static <T> T translated(String operation, JdbiCall<T> call) {
        try {
            return call.call();
        } catch (JdbiException e) {
            throw failure(operation, e);
        } catch (SQLException e) {
            throw new StorageException(operation, e);
        }
    }

    /** The driver's exception as the cause, as the plain-JDBC repositories always reported it. */
    private static StorageException failure(String operation, JdbiException e) {
        return new StorageException(operation, e.getCause() instanceof SQLException sql ? sql : e);
    }

    private static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && Jdbc.isConflict(sql)) {
                return true;
            }
        }
        return false;
    }
}
