package com.credbroker.broker.testing;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the ITs that need the real broker with its default settings: one {@link RunningBroker} per class
 * over a fresh data folder, started before the first test and stopped after the last. A class that needs
 * other settings builds its own.
 */
public abstract class OnRunningBroker {
    protected static final Map<String, String> ADMIN = RunningBroker.admin();
    @TempDir
    protected static Path dataDir;
    protected static RunningBroker broker;

    @BeforeAll
    protected static void startRunningBroker() throws Exception {
        broker = new RunningBroker(dataDir);
    }

    @AfterAll
    protected static void stopRunningBroker() {
        broker.close();
    }
}
