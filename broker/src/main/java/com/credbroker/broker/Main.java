package com.credbroker.broker;

import com.credbroker.broker.cli.AuditCommand;
import com.credbroker.broker.cli.BackupCommand;
import com.credbroker.broker.cli.RestoreCommand;
import com.credbroker.broker.cli.KeysCommand;
import com.credbroker.broker.cli.RotateKeysCommand;
import com.credbroker.broker.cli.RotateMasterKeyCommand;
import com.credbroker.broker.cli.ServeCommand;
import com.credbroker.broker.cli.StartupFailures;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The runnable jar: {@code serve} by default, and the operator commands beside it. */
@Command(name = "credbroker", mixinStandardHelpOptions = true, version = "credbroker 0.1.0",
        description = "A credential broker: encrypted OAuth tokens, API keys and passwords by connection ID.",
        subcommands = {ServeCommand.class, KeysCommand.class, RotateKeysCommand.class, RotateMasterKeyCommand.class,
            AuditCommand.class, BackupCommand.class, RestoreCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(StartupFailures::handle);
        int exit = cli.execute(effective);
        if (exit != 0 || !"serve".equals(effective[0])) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        CommandLine cli = new CommandLine(this);
        cli.usage(cli.getOut());
    }
}
