package com.credbroker.storage.testing;

import com.credbroker.config.BrokerConfig;
import com.credbroker.config.RefreshConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Broker configurations for storage tests: defaults, with the database in {@code dataDir}. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** The embedded default: an H2 file database in {@code dataDir} (empty URL = default URL). */
    public static BrokerConfig embedded(Path dataDir) {
        return withUrl(dataDir, "");
    }

    public static BrokerConfig withUrl(Path dataDir, String dbUrl) {
        return new BrokerConfig(0, dataDir, dbUrl, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), RefreshConfig.defaults(),
                10_000, Duration.ofMinutes(5), 65_536, 1L << 31, Duration.ofMinutes(1), 20, "text");
    }
}
