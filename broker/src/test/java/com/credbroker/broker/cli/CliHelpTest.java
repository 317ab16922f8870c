package com.credbroker.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.credbroker.broker.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} works on every command and subcommand, and every help lists the exit codes. */
class CliHelpTest {

    @Test
    void everyCommandAnswersHelpWithItsUsageAndTheExitCodes() {
        List<String> commands = new ArrayList<>();
        collect(new CommandLine(new Main()), commands);
        assertThat(commands).contains("credbroker keys create", "credbroker audit verify", "credbroker rotate-master-key");
        for (String command : commands) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")).subList(1, command.split(" ").length));
            args.add("--help");
            CommandLine cli = StartupFailures.install(new CommandLine(new Main()));
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            int exit = cli.execute(args.toArray(String[]::new));
            assertThat(exit).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: " + command).contains("Exit codes:")
                    .contains("3   the master key does not open this database");
        }
    }

    @Test
    void anUnparsableCommandLineIsOneLineAndExitTwo() {
        CommandLine cli = StartupFailures.install(new CommandLine(new Main()));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("keys", "revoke")).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                "credbroker: Missing required parameter: '<id>' (see: credbroker keys revoke --help)");
    }

    private static void collect(CommandLine command, List<String> into) {
        into.add(command.getCommandSpec().qualifiedName());
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
