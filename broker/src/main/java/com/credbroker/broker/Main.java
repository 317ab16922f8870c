package com.credbroker.broker;

import com.credbroker.broker.cli.AuditCommand;
import com.credbroker.broker.cli.BackupCommand;
import com.credbroker.broker.cli.CliLogging;
import com.credbroker.broker.cli.RestoreCommand;
import com.credbroker.broker.cli.KeysCommand;
import com.credbroker.broker.cli.RotateKeysCommand;
import com.credbroker.broker.cli.RotateMasterKeyCommand;
import com.credbroker.broker.cli.ServeCommand;
import com.credbroker.broker.cli.StartupFailures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The runnable jar: {@code serve} by default, and the operator commands beside it. */
@Command(name = "credbroker", mixinStandardHelpOptions = true, version = "credbroker 0.1.0", scope = ScopeType.INHERIT,
        description = "A credential broker: encrypted OAuth tokens, API keys and passwords by connection ID.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the operation failed or found a problem (the message on stderr says which)",
            "2:invalid command line, or a setting that cannot be used (the message names it)",
            "3:the master key does not open this database"},
        footer = {"%nData goes to standard output, logs and errors to standard error."},
        subcommands = {ServeCommand.class, KeysCommand.class, RotateKeysCommand.class, RotateMasterKeyCommand.class,
            AuditCommand.class, BackupCommand.class, RestoreCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        boolean serving = "serve".equals(effective[0]);
        CliLogging.configure(serving); // before any logger exists: logback reads the properties once
        int exit = StartupFailures.install(new CommandLine(new Main())).execute(effective);
        if (exit != 0 || !serving) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        CommandLine cli = new CommandLine(this);
        cli.usage(cli.getOut());
    }
}
