package com.credbroker.storage.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database that is out of reach (server down, connections terminated, login refused, the
 * embedded file closed or unopenable) from a failure of one statement. An outage is worth a 503 with
 * {@code Retry-After}: the same request succeeds once the database is back, without a restart, because
 * the pool opens new connections on demand. Stateless and thread-safe.
 */
public final class DatabaseOutages {
    /** SQL state classes of a lost or refused connection (08), a refused login (28), no such database
     * (3D), insufficient resources (53) and an operator intervention such as pg_terminate_backend (57). */
    private static final Set<String> OUTAGE_CLASSES = Set.of("08", "28", "3D", "53", "57");
    /**
     * H2's own codes: 90098 database closed, 90121 called at shutdown, 90028/90031 file I/O error,
     * 90020 file locked by another process, 90067 connection broken, 90013 database not found.
     */
    private static final Set<String> H2_OUTAGE_STATES = Set.of("90098", "90121", "90028", "90031", "90020",
            "90067", "90013");

    private DatabaseOutages() {
    }

    /** True when {@code failure}, or one of its causes, says the database cannot be reached at all. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && outageState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean outageState(String state) {
        return state != null && state.length() == 5
                && (OUTAGE_CLASSES.contains(state.substring(0, 2)) || H2_OUTAGE_STATES.contains(state));
    }
}
