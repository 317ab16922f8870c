package com.credbroker.broker.cli;

import com.credbroker.broker.BrokerStorage;
import com.credbroker.config.BrokerConfig;
import com.credbroker.config.ConfigLoader;
import com.credbroker.storage.db.Database;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Opens the storage stack for an operator command, from the same environment the server reads. A command
 * never creates a broker (database, generated master key) where none is: it says where it looked instead.
 */
final class StorageCommand {
    private StorageCommand() {
    }

    /** Storage for a command that changes something: refused on a shortened audit trail, as the server is. */
    static BrokerStorage open() throws Exception {
        return open(ConfigLoader.load(System.getenv()));
    }

    static BrokerStorage open(BrokerConfig config) throws Exception {
        BrokerStorage storage = openAsIs(config);
        try {
            storage.requireCompleteAuditTrail();
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        return storage;
    }

    /** Storage whatever the audit trail's state (for {@code audit verify} and {@code audit accept-truncation}). */
    static BrokerStorage openAsIs() throws Exception {
        return openAsIs(ConfigLoader.load(System.getenv()));
    }

    private static BrokerStorage openAsIs(BrokerConfig config) {
        if (!Database.databaseExists(config.database())) {
            throw CliException.failed("no broker database in data directory " + config.dataDir()
                    + " (CREDBROKER_DATA_DIR, or CREDBROKER_DB_URL): start the broker once first, or give --url"
                    + " to work through a running broker");
        }
        return BrokerStorage.open(config, Clock.systemUTC(), new SecureRandom());
    }
}
