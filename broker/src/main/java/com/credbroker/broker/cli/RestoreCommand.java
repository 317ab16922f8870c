package com.credbroker.broker.cli;

import com.credbroker.broker.backup.Restorer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code restore --from F}: rebuilds the database from a backup into {@code CREDBROKER_DATA_DIR} (which must
 * hold no database) or the empty PostgreSQL schema of {@code CREDBROKER_DB_URL}, after checking that the
 * archive was made under the configured master key and not changed since; otherwise nothing is written.
 */
@Command(name = "restore", description = "Restore a backup onto a fresh data directory or an empty PostgreSQL"
        + " schema (same master key).")
public final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--from", required = true, description = "the zip file written by backup")
    Path from;

    @Override
    public Integer call() throws Exception {
        try {
            Restorer.Report report = new Restorer().restore(System.getenv(), from);
            spec.commandLine().getOut().printf("restored %d connections into %s%n", report.connections(),
                    report.target());
            return 0;
        } catch (Restorer.RestoreException e) {
            spec.commandLine().getErr().println("credbroker: " + e.getMessage());
            return StartupFailures.FAILED;
        }
    }
}
