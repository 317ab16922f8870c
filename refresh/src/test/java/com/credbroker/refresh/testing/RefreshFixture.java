package com.credbroker.refresh.testing;

import static com.credbroker.storage.testing.CredentialBuilder.aCredential;

import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.NimbusTokenClient;
import com.credbroker.refresh.client.TokenClient;
import com.credbroker.refresh.crashpoint.FaultHook;
import com.credbroker.refresh.engine.RefreshEngine;
import com.credbroker.refresh.engine.RefreshListener;
import com.credbroker.refresh.engine.RefreshOutcome;
import com.credbroker.refresh.engine.RefreshTrigger;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.ClientAuthMethod;
import com.credbroker.storage.authconfig.JdbcAuthConfigRepository;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.JdbcCredentialRepository;
import com.credbroker.storage.crypto.Cryptographer;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.refresh.JdbcRefreshStore;
import com.credbroker.storage.refresh.RefreshStore;
import com.credbroker.storage.testing.MutableClock;
import com.credbroker.storage.testing.TestCrypto;
import com.credbroker.storage.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A refresh engine on a real H2 file, with an injected clock and a real token client (pointed at
 * WireMock or a {@link RotatingProvider}). Tests build connections and auth configs through it.
 */
public final class RefreshFixture implements AutoCloseable {
    public static final Instant START = Instant.parse("2025-11-15T10:30:00Z");

    public final MutableClock clock = new MutableClock(START);
    public final Database database;
    public final JdbcCredentialRepository credentials;
    public final JdbcRefreshStore store;
    public final JdbcAuthConfigRepository authConfigs;
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final List<String> committed = Collections.synchronizedList(new ArrayList<>());
    private final List<RefreshEngine> engines = new ArrayList<>();
    private int sequence;

    public RefreshFixture(Path dataDir) {
        database = TestDatabases.h2File(dataDir);
        Cryptographer cryptographer = TestCrypto.cryptographer();
        credentials = new JdbcCredentialRepository(database.dataSource(), cryptographer);
        store = new JdbcRefreshStore(database.dataSource(), cryptographer);
        authConfigs = new JdbcAuthConfigRepository(database.dataSource(), cryptographer);
    }

    /** Test defaults: plain-http providers allowed, short timeouts, no jitter. */
    public static RefreshConfig config() {
        return TestSettings.defaults().allowInsecureTokenUrls(true)
                .concurrency(16, 16, Duration.ZERO)
                .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)).refresh();
    }

    public RefreshEngine engine() {
        return engine(config());
    }

    public RefreshEngine engine(RefreshConfig config) {
        return engine(config, client -> client);
    }

    /** An engine whose token client is wrapped (to count or interfere with calls). */
    public RefreshEngine engine(RefreshConfig config, Function<TokenClient, TokenClient> wrap) {
        return engine(config, wrap, store);
    }

    /** An engine working through {@code refreshStore} (a wrapper of {@link #store}, to interfere with it). */
    public RefreshEngine engine(RefreshConfig config, Function<TokenClient, TokenClient> wrap,
            RefreshStore refreshStore) {
        return engine(config, ProviderResolver.PLAIN, wrap, refreshStore);
    }

    /** An engine whose connections' auth configs resolve through {@code providers}. */
    public RefreshEngine engine(RefreshConfig config, ProviderResolver providers) {
        return engine(config, providers, client -> client, store);
    }

    private RefreshEngine engine(RefreshConfig config, ProviderResolver providers,
            Function<TokenClient, TokenClient> wrap, RefreshStore refreshStore) {
        RefreshListener listener = (connectionId, trigger, outcome) -> committed.add(connectionId + ":"
                + outcome.label());
        RefreshEngine engine = new RefreshEngine(config, clock, credentials, refreshStore, authConfigs,
                wrap.apply(new NimbusTokenClient(config, clock)), providers, listener, registry, FaultHook.NONE);
        engines.add(engine);
        return engine;
    }

    public AuthConfig authConfig(URI tokenEndpoint) {
        return authConfigs.create(new AuthConfig("ac_test" + (++sequence) + "abcdefghijklmnop", "provider",
                tokenEndpoint, null, null, "client-1", "client-secret-1", ClientAuthMethod.CLIENT_SECRET_BASIC,
                List.of("read"), null, clock.instant(), clock.instant(), 0));
    }

    /** An ACTIVE OAuth2 connection of {@code authConfig} whose token expires {@code expiresIn} from now. */
    public Credential connection(AuthConfig authConfig, String refreshToken, Duration expiresIn) {
        String suffix = Integer.toString(++sequence);
        Credential credential = aCredential().credentialId("cred_fixture" + suffix + "abcdefghijkl")
                .connectionId("conn_fixture_" + suffix).authConfigId(authConfig.authConfigId())
                .accessToken("old-access-" + suffix).refreshToken(refreshToken)
                .expiresAt(clock.instant().plus(expiresIn)).createdAt(clock.instant()).updatedAt(clock.instant())
                .build();
        return credentials.upsert(credential).credential();
    }

    public Credential reload(Credential credential) {
        return credentials.findByCredentialId(credential.credentialId()).orElseThrow();
    }

    public static String accessToken(Credential credential) {
        return (String) credential.secrets().credentials().get("access_token");
    }

    public static String refreshToken(Credential credential) {
        return (String) credential.secrets().credentials().get("refresh_token");
    }

    /** Counts how often the listener heard of this outcome (any connection). */
    public long committedOutcomes(RefreshOutcome outcome) {
        synchronized (committed) {
            return committed.stream().filter(c -> c.endsWith(":" + outcome.label())).count();
        }
    }

    public static RefreshTrigger read() {
        return RefreshTrigger.READ;
    }

    @Override
    public void close() {
        engines.forEach(RefreshEngine::close);
        database.close();
    }
}
