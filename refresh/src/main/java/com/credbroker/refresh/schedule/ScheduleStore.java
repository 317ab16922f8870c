package com.credbroker.refresh.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Where Quartz keeps the refresh schedule. Immutable.
 *
 * <ul>
 *   <li>{@link #inMemory()}: Quartz's RAMJobStore, for the embedded single node (H2). The schedule is
 *       rebuilt at every start; the state that matters (leases, due times) is in the database.</li>
 *   <li>{@link #clustered(DataSource)}: Quartz's JDBC job store in clustered mode on the broker's
 *       PostgreSQL database (the {@code qrtz_*} tables of migration V5), through the broker's own pool.
 *       Every node runs a scheduler of the same cluster; Quartz's row locks let only one of them fire
 *       each scan, and a node that stops checking in has its work taken over by the others.</li>
 * </ul>
 */
public final class ScheduleStore {
    private final DataSource clusterDatabase;

    private ScheduleStore(DataSource clusterDatabase) {
        this.clusterDatabase = clusterDatabase;
    }

    public static ScheduleStore inMemory() {
        return new ScheduleStore(null);
    }

    /** Quartz's clustered JDBC job store on {@code dataSource}, a migrated PostgreSQL database. */
    public static ScheduleStore clustered(DataSource dataSource) {
        return new ScheduleStore(Objects.requireNonNull(dataSource, "dataSource"));
    }

    public boolean isClustered() {
        return clusterDatabase != null;
    }

    /**
     * The job store properties for a scheduler whose instance ID is {@code instanceId} (unique per node),
     * registering the data source with Quartz under a name of its own when clustered.
     */
    Properties properties(String instanceId) {
        Properties properties = new Properties();
        if (clusterDatabase == null) {
            properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            return properties;
        }
        String dataSourceName = "credbroker-" + instanceId;
        // Quartz looks connection providers up by name in a JVM-wide registry (which has no removal).
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new PoolProvider(clusterDatabase));
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
        return properties;
    }

    /** The broker's pool, lent to Quartz: Quartz closes each connection it borrows, never the pool. */
    private static final class PoolProvider implements ConnectionProvider {
        private final DataSource dataSource;

        PoolProvider(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the broker's Database, closed after the schedule
        }

        @Override
        public void initialize() {
            // nothing to set up: the pool is open
        }
    }

    @Override
    public String toString() {
        return isClustered() ? "ScheduleStore[clustered JDBC]" : "ScheduleStore[in memory]";
    }
}
