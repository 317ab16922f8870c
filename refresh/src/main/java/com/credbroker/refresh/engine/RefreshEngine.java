package com.credbroker.refresh.engine;

import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.client.TokenClient;
import com.credbroker.refresh.crashpoint.FaultHook;
import com.credbroker.refresh.engine.TokenRefresher.RefreshParts;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.schedule.RefreshSchedule;
import com.credbroker.refresh.schedule.ScheduleStore;
import com.credbroker.storage.authconfig.AuthConfigRepository;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.refresh.RefreshStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The refresh engine, assembled: the {@link TokenRefresher} behind every trigger, the scan, its
 * dispatcher and (once {@link #startSchedule}) the Quartz schedule. Closing stops the schedule and
 * lets in-flight refreshes finish.
 */
public final class RefreshEngine implements AutoCloseable {
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final TokenRefresher refresher;
    private final RefreshScanner scanner;
    private final RefreshDispatcher dispatcher;
    private final RefreshConfig config;
    private final String owner;
    private RefreshSchedule schedule;

    public RefreshEngine(RefreshConfig config, Clock clock, CredentialRepository credentials, RefreshStore store,
            AuthConfigRepository authConfigs, TokenClient client, RefreshListener listener, MeterRegistry registry) {
        this(config, clock, credentials, store, authConfigs, client, listener, registry, FaultHook.NONE);
    }

    /**
     * @param faults called at each {@link com.credbroker.refresh.crashpoint.CrashPoint} of a refresh the engine
     *               runs ({@link FaultHook#NONE} in production; the crash tests stop the process there)
     */
    public RefreshEngine(RefreshConfig config, Clock clock, CredentialRepository credentials, RefreshStore store,
            AuthConfigRepository authConfigs, TokenClient client, RefreshListener listener, MeterRegistry registry,
            FaultHook faults) {
        this(config, clock, credentials, store, authConfigs, client, ProviderResolver.PLAIN, listener, registry,
                faults);
    }

    /**
     * @param providers resolves each connection's auth config (and template) into what its refresh sends
     * @param faults    as above
     */
    public RefreshEngine(RefreshConfig config, Clock clock, CredentialRepository credentials, RefreshStore store,
            AuthConfigRepository authConfigs, TokenClient client, ProviderResolver providers,
            RefreshListener listener, MeterRegistry registry, FaultHook faults) {
        this.config = config;
        this.owner = newOwnerId();
        RandomGenerator random = new SecureRandom();
        RefreshMetrics metrics = new RefreshMetrics(registry);
        RefreshParts parts = new RefreshParts(config, clock, credentials, store, new AuthConfigCache(authConfigs), client,
                Objects.requireNonNull(providers, "providers"),
                new RefreshDecisions(config, new Backoff(config.backoffBase(), config.backoffCap(), random)),
                listener, metrics, faults, owner);
        this.refresher = new TokenRefresher(parts);
        this.dispatcher = new RefreshDispatcher(config.maxInFlight(), config.maxPerAuthConfig());
        this.scanner = new RefreshScanner(parts, refresher, dispatcher, random);
        metrics.dispatcher(dispatcher);
    }

    /** {@link #startSchedule(boolean, ScheduleStore)} with Quartz in memory (a single node). */
    public synchronized void startSchedule(boolean foreignAreDead) {
        startSchedule(foreignAreDead, ScheduleStore.inMemory());
    }

    /**
     * Recovers refreshes a previous process left behind ({@code foreignAreDead}: this is the only
     * node, so every lease not ours is abandoned) and starts the Quartz schedule in {@code store}
     * (clustered when several nodes share the database), with this engine's owner ID as its instance ID.
     */
    public synchronized void startSchedule(boolean foreignAreDead, ScheduleStore store) {
        scanner.recover(foreignAreDead);
        schedule = RefreshSchedule.start(scanner::runOnce, config.interval(), store, owner);
    }

    public TokenRefresher refresher() {
        return refresher;
    }

    public RefreshScanner scanner() {
        return scanner;
    }

    /** Refreshes claimed, queued or in flight (0 when idle). */
    public int backlog() {
        return dispatcher.backlog();
    }

    /** Waits until nothing is queued or in flight; false on timeout. */
    public boolean awaitIdle(Duration timeout) {
        return dispatcher.awaitBacklogBelow(1, timeout);
    }

    /** This process's lease owner ID. */
    public String owner() {
        return owner;
    }

    @Override
    public synchronized void close() {
        scanner.stop();
        dispatcher.shutdown(SHUTDOWN_GRACE);
        if (schedule != null) {
            schedule.close();
        }
    }

    private static String newOwnerId() {
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        return "node-" + HexFormat.of().formatHex(id);
    }
}
