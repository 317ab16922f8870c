package com.credbroker.broker.cli;

import com.credbroker.broker.BrokerStorage;
import com.credbroker.config.ConfigLoader;
import java.security.SecureRandom;
import java.time.Clock;

/** Opens the storage stack for an operator command, from the same environment the server reads. */
final class StorageCommand {
    private StorageCommand() {
    }

    static BrokerStorage open() throws Exception {
        return BrokerStorage.open(ConfigLoader.load(System.getenv()), Clock.systemUTC(), new SecureRandom());
    }
}
