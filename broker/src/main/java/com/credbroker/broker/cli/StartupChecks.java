package com.credbroker.broker.cli;

import com.credbroker.config.BrokerConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code serve} checks before it writes anything (the data directory, a generated master key, the
 * database): each port can be bound, and the data directory exists as a writable directory or can be
 * created. A failure is one sentence naming the setting, in the config validator's style
 * ({@code port 18080 is in use (CREDBROKER_PORT)}). The ports are bound and released again: the API opens
 * them once storage is ready, so until then a readiness probe is refused, as for a broker not yet started.
 */
final class StartupChecks {
    private StartupChecks() {
    }

    static void requireUsable(BrokerConfig config) {
        port(null, config.port(), "port", "CREDBROKER_PORT");
        port(config.server().managementBind(), config.server().managementPort(), "management port",
                "CREDBROKER_MANAGEMENT_PORT");
        dataDirectory(config.dataDir());
    }

    /** Binds and releases {@code port} on {@code bind} (all addresses when null), as the listener will. */
    static void port(String bind, int port, String what, String setting) {
        if (port == 0) {
            return; // any free port: nothing to check
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Jetty does: a port in TIME_WAIT is free
            InetSocketAddress address = bind == null ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(bind), port);
            socket.bind(address);
        } catch (BindException e) {
            String reason = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (reason.contains("in use")) {
                throw CliException.usage(what + " " + port + " is in use (" + setting + ")");
            }
            if (reason.contains("permission") || reason.contains("access")) {
                throw CliException.usage(what + " " + port + " cannot be bound: permission denied (" + setting + ")");
            }
            throw CliException.usage(what + " " + port + " cannot be bound on " + (bind == null ? "all addresses" : bind)
                    + ": " + reason + " (" + setting + (bind == null ? "" : ", CREDBROKER_MANAGEMENT_BIND") + ")");
        } catch (IOException e) {
            throw CliException.usage(what + " " + port + " cannot be bound: " + StartupFailures.cause(e) + " ("
                    + setting + ")");
        }
    }

    /** An existing writable directory, or a path whose nearest existing ancestor is one. */
    static void dataDirectory(Path configured) {
        Path dir = configured.toAbsolutePath().normalize();
        String setting = " (CREDBROKER_DATA_DIR)";
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw CliException.usage("data directory " + configured + " is not a directory" + setting);
            }
            if (!Files.isWritable(dir)) {
                throw CliException.usage("data directory " + configured + " is not writable: permission denied" + setting);
            }
            return;
        }
        Path ancestor = dir.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            throw CliException.usage("data directory " + configured + " cannot be created: "
                    + (ancestor == null ? "no parent directory exists" : ancestor + " is not a directory") + setting);
        }
        if (!Files.isWritable(ancestor)) {
            throw CliException.usage("data directory " + configured + " cannot be created: permission denied" + setting);
        }
    }
}
