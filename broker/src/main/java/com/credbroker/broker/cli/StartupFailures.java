package com.credbroker.broker.cli;

import com.credbroker.broker.http.ApiException;
import com.credbroker.config.ConfigException;
import com.credbroker.storage.audit.AuditTrailShortenedException;
import com.credbroker.storage.audit.CheckpointInvalidException;
import com.credbroker.storage.crypto.MasterKeyException;
import com.credbroker.storage.crypto.WrongMasterKeyException;
import com.credbroker.storage.db.DatabaseUnavailableException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure of a command into one line on standard error that names the cause, and an exit code:
 * 0 success, 1 the operation failed or found a problem, 2 an invalid command line or a setting that cannot
 * be used (picocli's usage code), 3 the master key does not open the database. Never a stack trace for an
 * expected failure; an unexpected one is logged in full by the server (and at debug level by a command).
 */
public final class StartupFailures {
    public static final int CONFIG_INVALID = 2;
    public static final int WRONG_MASTER_KEY = 3;
    public static final int FAILED = 1;
    private static final Logger LOG = LoggerFactory.getLogger(StartupFailures.class);

    private StartupFailures() {
    }

    /** Installs the handlers of failed parsing and failed execution on {@code cli} and its subcommands. */
    public static CommandLine install(CommandLine cli) {
        cli.setExecutionExceptionHandler(StartupFailures::handle);
        cli.setParameterExceptionHandler(StartupFailures::usage);
        return cli;
    }

    /** A command line picocli cannot parse: the reason and where to read more, on one line. */
    static int usage(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("credbroker: " + e.getMessage() + " (see: "
                + command.getCommandSpec().qualifiedName() + " --help)");
        return CONFIG_INVALID;
    }

    public static int handle(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof ConfigException config) {
            if (config.problems().size() == 1) {
                err.println("credbroker: invalid configuration: " + config.problems().get(0));
            } else { // the validator reports every problem at once: one line each
                err.println("credbroker: invalid configuration (" + config.problems().size() + " problems):");
                config.problems().forEach(problem -> err.println("  - " + problem));
            }
            return CONFIG_INVALID;
        }
        if (e instanceof CliException refused) {
            err.println("credbroker: " + refused.getMessage());
            return refused.exitCode();
        }
        if (e instanceof MasterKeyException) {
            err.println("credbroker: " + e.getMessage());
            return CONFIG_INVALID;
        }
        if (e instanceof WrongMasterKeyException) {
            err.println("credbroker: " + e.getMessage());
            return WRONG_MASTER_KEY;
        }
        if (e instanceof AuditTrailShortenedException || e instanceof CheckpointInvalidException
                || e instanceof DatabaseUnavailableException) {
            err.println("credbroker: " + e.getMessage());
            return FAILED;
        }
        if (e instanceof ApiException api) { // a service's refusal, met by a command that opened the database
            err.println("credbroker: " + api.getMessage());
            return api.status() == 400 || api.status() == 422 ? CONFIG_INVALID : FAILED;
        }
        if (isDatabaseLocked(e)) {
            err.println("credbroker: the embedded database is in use by a running broker; "
                    + "stop it first, or give this command --url and the running broker's address");
            return FAILED;
        }
        if (causedBy(e, java.net.BindException.class)) { // taken between StartupChecks and the listener's start
            err.println("credbroker: a port was taken while the broker started: " + cause(e)
                    + " (CREDBROKER_PORT, CREDBROKER_MANAGEMENT_PORT)");
            return CONFIG_INVALID;
        }
        return unexpected(e, cli, err);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static int unexpected(Exception e, CommandLine cli, PrintWriter err) {
        if (cli.getCommandName().equals("serve")) {
            LOG.error("credbroker failed", e);
        } else {
            LOG.debug("command failed", e);
        }
        err.println("credbroker: " + cause(e));
        return FAILED;
    }

    /**
     * The first message of the chain that says something of its own (a wrapper whose message is only its
     * cause's {@code toString()} is skipped), on one line; messages never hold secrets.
     */
    static String cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            boolean ownWords = message != null && !message.isBlank()
                    && (t.getCause() == null || !message.equals(t.getCause().toString()));
            if (ownWords) {
                return message.lines().findFirst().orElse(message);
            }
        }
        return e.getClass().getSimpleName();
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
