package com.credbroker.broker.cli;

import com.credbroker.broker.Broker;
import com.credbroker.config.BrokerConfig;
import com.credbroker.config.ConfigLoader;
import com.credbroker.config.ConfigSummary;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * Starts the broker (the default command); a shutdown hook stops it gracefully. The ports and the data
 * directory are checked before anything is written ({@link StartupChecks}).
 */
@Command(name = "serve", description = "Serve the HTTP API (the default command).")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    private final Map<String, String> environment;

    /** Reads its settings from the process environment (the jar). */
    public ServeCommand() {
        this(System.getenv());
    }

    /**
     * Reads its settings from {@code environment} instead: a test seam, so that start-up refusals can be
     * checked in-process through the same command line, handlers and exit codes as the jar's.
     */
    public ServeCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws Exception {
        BrokerConfig config = ConfigLoader.load(environment);
        StartupChecks.requireUsable(config); // before anything is written
        LOG.info("starting credbroker with {}", ConfigSummary.format(config));
        Broker broker = Broker.start(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            broker.close();
        }, "credbroker-shutdown"));
        return 0;
    }
}
