package com.credbroker.broker.testing;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the handler tests: one {@link FakeBroker} per class, started before its first test and stopped
 * after its last, with {@link #admin} headers carrying a key with every scope. A subclass's own
 * {@code @BeforeAll} runs after this one, so it can seed data through the broker.
 */
public abstract class OnFakeBroker {
    protected static FakeBroker broker;
    protected static Map<String, String> admin;

    @BeforeAll
    protected static void startFakeBroker() {
        broker = new FakeBroker();
        admin = broker.admin();
    }

    @AfterAll
    protected static void stopFakeBroker() {
        broker.close();
    }
}
