package com.credbroker.refresh.testing;

import com.credbroker.config.BrokerConfig;
import com.credbroker.config.ConfigBuilder;
import com.credbroker.config.ConfigKey;
import com.credbroker.config.ConfigTable;
import com.credbroker.config.ConnectConfig;
import com.credbroker.config.RefreshConfig;
import java.time.Duration;

/**
 * Refresh and connect settings for tests: the built-in defaults, or a given {@link RefreshConfig}, with the
 * keys a test changes. Nothing is validated (a test may want a lease shorter than a request).
 */
public final class TestSettings {
    private final ConfigBuilder builder;

    private TestSettings(ConfigBuilder builder) {
        this.builder = builder;
    }

    public static TestSettings defaults() {
        return new TestSettings(BrokerConfig.builder());
    }

    public static TestSettings of(RefreshConfig refresh) {
        return new TestSettings(BrokerConfig.builder().slice(refresh));
    }

    public <T> TestSettings set(ConfigKey<T> key, T value) {
        builder.set(key, value);
        return this;
    }

    public TestSettings allowInsecureTokenUrls(boolean allow) {
        return set(ConfigTable.ALLOW_INSECURE_TOKEN_URLS, allow);
    }

    public TestSettings timeouts(Duration connect, Duration read, Duration lease) {
        return set(ConfigTable.TOKEN_CONNECT_TIMEOUT, connect).set(ConfigTable.TOKEN_READ_TIMEOUT, read)
                .set(ConfigTable.REFRESH_LEASE, lease);
    }

    public TestSettings concurrency(int inFlight, int perAuthConfig, Duration jitter) {
        return set(ConfigTable.REFRESH_MAX_IN_FLIGHT, inFlight).set(ConfigTable.REFRESH_MAX_PER_AUTH_CONFIG, perAuthConfig)
                .set(ConfigTable.REFRESH_JITTER, jitter);
    }

    public RefreshConfig refresh() {
        return builder.build().refresh();
    }

    public ConnectConfig connect() {
        return builder.build().connect();
    }
}
