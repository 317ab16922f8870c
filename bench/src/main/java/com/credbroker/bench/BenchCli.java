package com.credbroker.bench;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the benchmark programs share: {@code --name=value} options, the broker's logs kept quiet unless the
 * caller chose a level, and their own output (progress lines and the Markdown report) through the logger,
 * at INFO whatever level the broker logs at.
 */
final class BenchCli {
    private static final String BENCH_LOGGERS = "com.credbroker.bench";

    private BenchCli() {
    }

    /**
     * Sets the broker's log format (text) and level ({@code brokerLevel}) unless the caller set them as a
     * system property or environment variable. Call before anything logs: Logback reads them once.
     */
    static void quietBrokerLogsUnlessAsked(String brokerLevel) {
        for (String[] setting : new String[][] {{"CREDBROKER_LOG_FORMAT", "text"},
                {"CREDBROKER_LOG_LEVEL", brokerLevel}}) {
            if (System.getProperty(setting[0]) == null && System.getenv(setting[0]) == null) {
                System.setProperty(setting[0], setting[1]);
            }
        }
    }

    /** The logger a benchmark program writes its progress and report to; it logs at INFO. */
    static Logger output(Class<?> program) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(BENCH_LOGGERS)).setLevel(Level.INFO);
        return LoggerFactory.getLogger(program);
    }

    /** {@code --name=value} arguments by name, in order; anything else is refused. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    /** Logs the finished report and, with {@code --report=FILE}, writes it there too. */
    static void publish(Logger output, String report, Map<String, String> options) throws IOException {
        output.info("report:\n{}", report);
        if (options.containsKey("report")) {
            Files.writeString(Path.of(options.get("report")), report, StandardCharsets.UTF_8);
        }
    }
}
