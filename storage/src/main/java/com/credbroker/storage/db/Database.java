package com.credbroker.storage.db;

import com.credbroker.config.DatabaseConfig;
import com.credbroker.config.Secret;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The broker's database: a HikariCP pool over the configured JDBC URL, migrated by Flyway on open.
 * The embedded default is an H2 file database in the data directory, opened so that a committed write
 * survives {@code kill -9} (see {@link H2Urls}); the data directory is 0700 and the database files 0600.
 * A {@code jdbc:postgresql:} URL (several nodes on one database) is migrated from its own folder of
 * migrations; everything the broker keeps lives in the URL's current schema ({@code currentSchema=}, by
 * default {@code public}). Thread-safe. {@link #close()} closes the pool (and with it the embedded database).
 */
public final class Database implements AutoCloseable {
    static final String H2_MIGRATIONS = "classpath:db/migration/h2";
    static final String POSTGRESQL_MIGRATIONS = "classpath:db/migration/postgresql";
    private static final int VALIDATION_SECONDS = 2;
    private static final int MAX_POOL_SIZE = 16;
    /** A PostgreSQL connection is a server process: an idle node keeps only a few open. */
    private static final int POSTGRESQL_MIN_IDLE = 2;

    private final HikariDataSource dataSource;
    private final Optional<Path> h2File;

    private Database(HikariDataSource dataSource, Optional<Path> h2File) {
        this.dataSource = dataSource;
        this.h2File = h2File;
    }

    /** Prepares the data directory, opens the pool and applies every pending migration. */
    public static Database open(DatabaseConfig config) {
        String url = jdbcUrl(config);
        DataDirectory.ensure(config.dataDir());
        Optional<Path> h2File = H2Urls.filePath(url);
        h2File.map(Path::getParent).ifPresent(DataDirectory::ensure);
        HikariDataSource pool = openPool(config, url);
        try {
            Flyway.configure().dataSource(pool).locations(migrationLocation(url)).load().migrate();
            h2File.ifPresent(DataDirectory::restrictDatabaseFiles);
            return new Database(pool, h2File);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource openPool(DatabaseConfig config, String url) {
        try {
            return new HikariDataSource(poolConfig(config, url));
        } catch (HikariPool.PoolInitializationException e) {
            throw DatabaseUnavailableException.of(e);
        }
    }

    /** The effective JDBC URL: the configured one (checked, for H2), or the H2 file default. */
    public static String jdbcUrl(DatabaseConfig config) {
        String url = config.url();
        if (url == null || url.isBlank()) {
            return H2Urls.defaultUrl(config.dataDir());
        }
        return H2Urls.isH2(url) ? H2Urls.harden(url) : url;
    }

    /** Where the migrations for this URL's dialect live. */
    static String migrationLocation(String url) {
        if (H2Urls.isH2(url)) {
            return H2_MIGRATIONS;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL_MIGRATIONS;
        }
        throw new IllegalArgumentException("unsupported database: only H2 and PostgreSQL URLs are accepted");
    }

    /**
     * True when the configured database already holds a broker schema: Flyway's history table in the
     * connection's current schema (other schemas of the same database are not looked at). For an H2 file
     * database this only looks at the file system (connecting would create the file).
     *
     * @throws DatabaseUnavailableException when the database cannot be reached
     */
    public static boolean databaseExists(DatabaseConfig config) {
        String url = jdbcUrl(config);
        Optional<Path> file = H2Urls.filePath(url);
        if (file.isPresent()) {
            return Files.isRegularFile(Path.of(file.get() + ".mv.db"));
        }
        try (Connection connection = connect(url, config);
             ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(),
                     "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                if ("flyway_schema_history".equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new StorageException("database existence check", e);
        }
    }

    private static Connection connect(String url, DatabaseConfig config) {
        try {
            return DriverManager.getConnection(url, credentials(config));
        } catch (SQLException e) {
            throw DatabaseUnavailableException.of(e);
        }
    }

    /**
     * Opens one plain JDBC connection to an existing database without migrating or changing it: an H2
     * file is opened with {@code ACCESS_MODE_DATA=r}, PostgreSQL with {@link Connection#setReadOnly} in the
     * driver's {@code readOnlyMode=always} (a read-only session, autocommit statements included).
     * The caller closes it. Used to check the master key before anything is written.
     */
    public static Connection openReadOnly(DatabaseConfig config) throws SQLException {
        String url = jdbcUrl(config);
        Optional<Path> file = H2Urls.filePath(url);
        if (file.isPresent()) {
            return DriverManager.getConnection(H2Urls.readOnly(file.get()), credentials(config));
        }
        Properties properties = credentials(config);
        // pgjdbc's default only makes explicit transactions read-only, not autocommit statements
        properties.setProperty("readOnlyMode", "always");
        Connection connection = DriverManager.getConnection(url, properties);
        connection.setReadOnly(true);
        return connection;
    }

    /**
     * Opens one plain JDBC connection to the configured database, outside the pool, for a long-lived
     * purpose of its own (the change listener). The caller closes it.
     */
    public static Connection openDedicated(DatabaseConfig config) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(config), credentials(config));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The transactions every repository over {@link #dataSource()} joins. */
    public Transactions transactions() {
        return Transactions.of(dataSource);
    }

    /** A cheap liveness check for health endpoints: borrow a connection and validate it. */
    public boolean isReachable() {
        if (dataSource.isClosed()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALIDATION_SECONDS)) {
                return true;
            }
            dataSource.evictConnection(connection); // dead (e.g. H2 closed under it): the next borrower gets a new one
            return false;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
        // H2 may have created new files (e.g. after a compaction) while open.
        h2File.ifPresent(DataDirectory::restrictDatabaseFiles);
    }

    private static HikariConfig poolConfig(DatabaseConfig config, String url) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("credbroker");
        hikari.setJdbcUrl(url);
        config.user().ifPresent(hikari::setUsername);
        config.password().map(Secret::reveal).ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(MAX_POOL_SIZE);
        if (!H2Urls.isH2(url)) {
            hikari.setMinimumIdle(POSTGRESQL_MIN_IDLE);
        }
        // During an outage every borrower waits this long before its 503: short, but well above a healthy borrow.
        hikari.setConnectionTimeout(5_000);
        hikari.setAutoCommit(true);
        hikari.setExceptionOverrideClassName(OutageEviction.class.getName());
        return hikari;
    }

    private static Properties credentials(DatabaseConfig config) {
        Properties properties = new Properties();
        config.user().ifPresent(user -> properties.setProperty("user", user));
        config.password().map(Secret::reveal).ifPresent(password -> properties.setProperty("password", password));
        return properties;
    }
}
