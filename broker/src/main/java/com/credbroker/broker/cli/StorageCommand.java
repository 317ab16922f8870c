package com.credbroker.broker.cli;

import com.credbroker.broker.BrokerStorage;
import com.credbroker.config.ConfigLoader;
import java.security.SecureRandom;
import java.time.Clock;

/** Opens the storage stack for an operator command, from the same environment the server reads. */
final class StorageCommand {
    private StorageCommand() {
    }

    /** Storage for a command that changes something: refused on a shortened audit trail, as the server is. */
    static BrokerStorage open() throws Exception {
        BrokerStorage storage = openAsIs();
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
        return BrokerStorage.open(ConfigLoader.load(System.getenv()), Clock.systemUTC(), new SecureRandom());
    }
}
