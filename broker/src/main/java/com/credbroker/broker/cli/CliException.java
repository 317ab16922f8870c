package com.credbroker.broker.cli;

/**
 * An operator command's refusal or failure, said in one line on standard error with its exit code: the
 * message names the cause ({@code unknown scope bogus}, {@code no API key key_x}) and never holds a secret.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    private CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The command line or a setting cannot be used (exit 2). */
    static CliException usage(String message) {
        return new CliException(message, StartupFailures.CONFIG_INVALID);
    }

    /** The operation failed or found a problem (exit 1). */
    static CliException failed(String message) {
        return new CliException(message, StartupFailures.FAILED);
    }

    int exitCode() {
        return exitCode;
    }
}
