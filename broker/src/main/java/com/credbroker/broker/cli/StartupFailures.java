package com.credbroker.broker.cli;

import com.credbroker.config.ConfigException;
import com.credbroker.storage.audit.AuditTrailShortenedException;
import com.credbroker.storage.audit.CheckpointInvalidException;
import com.credbroker.storage.crypto.MasterKeyException;
import com.credbroker.storage.crypto.WrongMasterKeyException;
import com.credbroker.storage.db.DatabaseUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Turns start-up failures into one clear message and an exit code; never a stack trace for expected ones. */
public final class StartupFailures {
    public static final int CONFIG_INVALID = 2;
    public static final int WRONG_MASTER_KEY = 3;
    public static final int FAILED = 1;
    private static final Logger LOG = LoggerFactory.getLogger(StartupFailures.class);

    private StartupFailures() {
    }

    public static int handle(Exception e, CommandLine cli, ParseResult parsed) {
        if (e instanceof ConfigException config) {
            cli.getErr().println("credbroker: invalid configuration:");
            config.problems().forEach(problem -> cli.getErr().println("  - " + problem));
            return CONFIG_INVALID;
        }
        if (e instanceof MasterKeyException) {
            cli.getErr().println("credbroker: " + e.getMessage());
            return CONFIG_INVALID;
        }
        if (e instanceof WrongMasterKeyException) {
            cli.getErr().println("credbroker: " + e.getMessage());
            return WRONG_MASTER_KEY;
        }
        if (e instanceof AuditTrailShortenedException || e instanceof CheckpointInvalidException) {
            cli.getErr().println("credbroker: " + e.getMessage());
            return FAILED;
        }
        if (e instanceof DatabaseUnavailableException) {
            cli.getErr().println("credbroker: " + e.getMessage());
            return FAILED;
        }
        if (isDatabaseLocked(e)) {
            cli.getErr().println("credbroker: the embedded database is in use by a running broker; "
                    + "stop it first, or use the admin HTTP API of the running broker");
            return FAILED;
        }
        LOG.error("credbroker failed", e);
        cli.getErr().println("credbroker: failed: " + e.getClass().getSimpleName() + " (see the log)");
        return FAILED;
    }

    private static boolean isDatabaseLocked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Database may be already in use") || message.contains("90020")) {
                return true;
            }
        }
        return false;
    }
}
