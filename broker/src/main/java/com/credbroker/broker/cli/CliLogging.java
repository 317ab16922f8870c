package com.credbroker.broker.cli;

/**
 * Where logs go: the server writes them to standard output (a container's log stream); an operator command
 * writes them to standard error, warnings and above unless {@code CREDBROKER_LOG_LEVEL} says otherwise, so
 * that its standard output is only its data ({@code keys list | awk '{print $1}'}). Read by
 * {@code logback.xml} as {@code credbroker.log.target} and {@code credbroker.log.level}.
 */
public final class CliLogging {
    private CliLogging() {
    }

    /** Must run before the first logger is created. */
    public static void configure(boolean serving) {
        if (serving) {
            return;
        }
        System.setProperty("credbroker.log.target", "System.err");
        if (System.getenv("CREDBROKER_LOG_LEVEL") == null) {
            System.setProperty("credbroker.log.level", "WARN");
        }
    }
}
