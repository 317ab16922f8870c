package com.credbroker.refresh.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the refresh engine ITs: for each test a {@link RotatingProvider} and a {@link RefreshFixture} over a
 * fresh folder. A subclass's own {@code @BeforeEach} runs after this one (both exist), and its
 * {@code @AfterEach} before this one closes them (so it closes its engines first).
 */
public abstract class OnRefreshFixture {
    @TempDir
    protected Path dir;
    protected RotatingProvider provider;
    protected RefreshFixture fixture;

    @BeforeEach
    protected void startProviderAndFixture() {
        provider = RotatingProvider.start();
        fixture = new RefreshFixture(dir);
    }

    @AfterEach
    protected void closeFixtureAndProvider() {
        fixture.close();
        provider.close();
    }
}
