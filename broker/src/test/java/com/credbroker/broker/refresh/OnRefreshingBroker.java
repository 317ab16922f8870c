package com.credbroker.broker.refresh;

import com.credbroker.broker.testing.RunningBroker;
import com.credbroker.refresh.testing.RotatingProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the refresh ITs: for each test a rotating provider and a real broker that refreshes only when
 * asked ({@link RefreshApi#brokerRefreshingOnDemand}), with an auth config for that provider. A subclass's
 * own {@code @BeforeEach} runs after this one and its {@code @AfterEach} before this one.
 */
abstract class OnRefreshingBroker {
    @TempDir
    Path dataDir;
    RotatingProvider provider;
    RunningBroker running;
    String authConfigId;

    @BeforeEach
    protected void startProviderAndBroker() throws Exception {
        provider = RotatingProvider.start();
        running = RefreshApi.brokerRefreshingOnDemand(dataDir);
        authConfigId = RefreshApi.authConfig(running.http, provider.tokenUrl());
    }

    @AfterEach
    protected void stopBrokerAndProvider() {
        running.close();
        provider.close();
    }
}
