package com.credbroker.broker.connect;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ConnectService#expireOverdue()} (which audits each connection it expires) every interval on
 * its own daemon thread. A failed
 * sweep is logged and the next one tries again. Closing stops it.
 */
public final class AuthorizationSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationSweeper.class);

    private final ConnectService connect;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "credbroker-authorization-sweep");
        thread.setDaemon(true);
        return thread;
    });

    public AuthorizationSweeper(ConnectService connect) {
        this.connect = connect;
    }

    public void start(Duration interval) {
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::sweepQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One sweep now; returns the connection IDs it expired. */
    public List<String> sweepOnce() {
        return connect.expireOverdue();
    }

    private void sweepQuietly() {
        try {
            int expired = sweepOnce().size();
            if (expired > 0) {
                LOG.info("{} connection(s) expired: authorization not completed in time", expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("authorization sweep failed ({}); retrying at the next interval", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
