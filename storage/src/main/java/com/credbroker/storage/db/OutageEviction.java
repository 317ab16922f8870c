package com.credbroker.storage.db;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells HikariCP to drop a pooled connection that failed with an outage ({@link DatabaseOutages}), not
 * only with the SQL states it knows itself. Without it, a connection to an embedded H2 database that was
 * closed ({@code 90121}, {@code 90098}) goes back to the pool and fails every later borrower, so the
 * broker would never recover once the database is back. Stateless; HikariCP creates it by class name.
 */
public final class OutageEviction implements SQLExceptionOverride {
    @java.lang.Override
    public Override adjudicate(SQLException failure) {
        return DatabaseOutages.isOutage(failure) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
