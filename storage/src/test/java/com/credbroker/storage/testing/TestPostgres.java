package com.credbroker.storage.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * The PostgreSQL server the integration tests use: {@code 127.0.0.1:5432}, database {@code test}, user
 * {@code postgres}, trust authentication ({@code .ci/run} makes sure it runs). Tests never touch what
 * is already in that database: each one works in a schema of its own ({@link PostgresSchema}).
 *
 * <p>Whether the server is reachable is checked once per JVM. Outside CI an unreachable server skips
 * the PostgreSQL tests ({@link RequiresPostgres}); under {@code CI=true} it fails them.
 */
public final class TestPostgres {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    public static final String DATABASE = "test";
    public static final String USER = "postgres";
    /** The database's URL, without a schema: for creating and dropping test schemas only. */
    static final String DATABASE_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE;

    /** What to do to run the PostgreSQL tests; part of every skip and failure message. */
    public static final String HOW_TO_RUN = "the PostgreSQL tests need a server on " + HOST + ":" + PORT
            + " with a database '" + DATABASE + "' that user '" + USER + "' reaches with trust authentication;"
            + " on Debian: apt-get install postgresql, then"
            + " pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
            + " and createdb -h " + HOST + " -U " + USER + " " + DATABASE
            + " (.ci/run does all of this; with CI=true an unreachable server fails the build)";

    private static volatile Boolean reachable;

    private TestPostgres() {
    }

    /** True when the test server accepts a connection (checked once, with a short timeout). */
    public static boolean reachable() {
        if (reachable == null) {
            synchronized (TestPostgres.class) {
                if (reachable == null) {
                    reachable = canConnect();
                }
            }
        }
        return reachable;
    }

    /** True under {@code CI=true}: there an unreachable server is a failure, not a skip. */
    public static boolean required() {
        return "true".equals(String.valueOf(System.getenv("CI")).toLowerCase(Locale.ROOT));
    }

    /** A connection to the test database (no schema selected); the caller closes it. */
    public static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(url, properties);
    }

    private static boolean canConnect() {
        try (Connection connection = connect(DATABASE_URL)) {
            return connection.isValid(3);
        } catch (SQLException e) {
            return false;
        }
    }
}
