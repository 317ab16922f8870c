package com.credbroker.storage.notify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the change announcements of migration V7 ({@code pg_notify} on {@code credbroker_<schema>}) on one
 * dedicated connection, outside the pool, and hands them to a {@link ChangeHandler}. When the connection
 * fails it reconnects every {@code retry}; after every (re)connect, once {@code LISTEN} is in place, it calls
 * {@link ChangeHandler#anythingMayHaveChanged()}, because what was announced while it was away is lost.
 * Announcements carry identifiers only; nothing secret is logged. Thread-safe; {@link #close()} stops the
 * thread within about one poll interval.
 */
public final class PostgresChangeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeListener.class);
    private static final int POLL_MILLIS = 250;
    private static final long VALIDATE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Opens a new plain connection to the broker's database, in the broker's schema. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private final ConnectionOpener opener;
    private final ChangeHandler handler;
    private final Duration retry;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean listening;
    private volatile boolean closed;

    public PostgresChangeListener(ConnectionOpener opener, ChangeHandler handler, Duration retry) {
        this.opener = opener;
        this.handler = handler;
        this.retry = retry;
        this.thread = new Thread(this::run, "credbroker-change-listener");
        thread.setDaemon(true);
    }

    public PostgresChangeListener start() {
        thread.start();
        return this;
    }

    /** True while a connection is open and listening. */
    public boolean isListening() {
        return listening;
    }

    /** The channel the V7 triggers of {@code schema} announce on. */
    public static String channel(String schema) {
        return "credbroker_" + schema;
    }

    private void run() {
        try {
            while (!closed) {
                try (Connection connection = opener.open()) {
                    listen(connection);
                    handler.anythingMayHaveChanged();
                    listening = true;
                    LOG.info("listening for cache invalidations from other nodes");
                    poll(connection);
                } catch (SQLException | RuntimeException e) {
                    if (!closed) {
                        LOG.warn("cache invalidation listener lost its connection ({}); retrying in {}",
                                e.getClass().getSimpleName(), retry);
                    }
                } finally {
                    listening = false;
                }
                pause();
            }
        } finally {
            stopped.countDown();
        }
    }

    private static void listen(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            String schema;
            try (ResultSet row = statement.executeQuery("SELECT current_schema()")) {
                row.next();
                schema = row.getString(1);
            }
            statement.execute("LISTEN \"" + channel(schema).replace("\"", "\"\"") + "\"");
        }
    }

    private void poll(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastSeen = System.nanoTime();
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    dispatch(notification.getParameter());
                }
                lastSeen = System.nanoTime();
            } else if (System.nanoTime() - lastSeen > VALIDATE_NANOS) {
                // a silently dropped connection only shows when it is used
                if (!connection.isValid(2)) {
                    throw new SQLException("listening connection is no longer valid");
                }
                lastSeen = System.nanoTime();
            }
        }
    }

    void dispatch(String payload) {
        if (payload.startsWith("c:")) {
            handler.connectionChanged(payload.substring(2));
        } else if (payload.startsWith("k:")) {
            handler.apiKeysChanged();
        } else if (payload.startsWith("a:")) {
            handler.authConfigsChanged();
        } else {
            handler.anythingMayHaveChanged();
        }
    }

    private void pause() {
        if (closed) {
            return;
        }
        try {
            // waiting for a database to come back, not making time pass for a test
            stopped.await(retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
