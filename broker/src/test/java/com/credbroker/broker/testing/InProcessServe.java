package com.credbroker.broker.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.credbroker.broker.Main;
import com.credbroker.broker.cli.ServeCommand;
import com.credbroker.broker.cli.StartupFailures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The jar's {@code serve} start-up run in this JVM: the same command line, failure handlers and exit codes as
 * {@code Main}, on an environment map instead of the process environment, on free ports. For the many start-up
 * refusals that end before anything process-specific happens (a real start costs a JVM); each claim about the
 * process itself keeps a {@link BrokerProcess} proof. A start that does not refuse leaves a broker running in
 * this JVM, so use it only where the test expects a refusal.
 */
public final class InProcessServe {
    private InProcessServe() {
    }

    /** What a refused start produced: its exit code, and its standard error followed by every log event. */
    public record Refusal(int exit, int port, String output) {
        /** Whether anything answers HTTP on the port the start was given. */
        public boolean portAnswers() {
            try {
                new Http(port).get("/health/live", Map.of());
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /** Runs {@code serve} with {@code env} plus free {@code CREDBROKER_PORT} and management port. */
    public static Refusal serve(Map<String, String> env) throws IOException {
        Map<String, String> environment = new HashMap<>(env);
        int port = freePort();
        environment.put("CREDBROKER_PORT", Integer.toString(port));
        environment.put("CREDBROKER_MANAGEMENT_PORT", Integer.toString(freePort()));
        StringWriter err = new StringWriter();
        int exit;
        StringBuilder output = new StringBuilder();
        try (CapturedLogs logs = CapturedLogs.start()) {
            CommandLine cli = StartupFailures.install(new CommandLine(new Main(), factory(environment)));
            cli.setErr(new PrintWriter(err, true));
            exit = cli.execute("serve");
            output.append(err);
            for (ILoggingEvent event : logs.events()) {
                output.append(event.getLevel()).append(' ').append(event.getFormattedMessage()).append('\n');
                IThrowableProxy thrown = event.getThrowableProxy();
                if (thrown != null) { // rendered as the jar's log would render it: "\tat ..." and "Caused by"
                    output.append(ThrowableProxyUtil.asString(thrown)).append('\n');
                }
            }
        }
        return new Refusal(exit, port, output.toString());
    }

    private static CommandLine.IFactory factory(Map<String, String> environment) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ServeCommand.class ? type.cast(new ServeCommand(environment)) : defaults.create(type);
            }
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
