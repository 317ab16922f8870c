package com.credbroker.broker;

import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.auth.ApiKeyService;
import com.credbroker.broker.auth.AuthFailureLimiter;
import com.credbroker.broker.authconfig.AuthConfigService;
import com.credbroker.broker.credential.CredentialService;
import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.broker.credential.LookupCache;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.metrics.BrokerMetrics;
import com.credbroker.broker.refresh.RefreshCommits;
import com.credbroker.config.BrokerConfig;
import com.credbroker.refresh.client.NimbusTokenClient;
import com.credbroker.refresh.engine.RefreshEngine;
import com.credbroker.refresh.schedule.ScheduleStore;
import io.javalin.Javalin;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running broker: storage opened, services built, HTTP served. Closing stops it gracefully. */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(5);

    private final BrokerStorage storage;
    private final RefreshEngine refresh;
    private final Javalin app;

    private Broker(BrokerStorage storage, RefreshEngine refresh, Javalin app) {
        this.storage = storage;
        this.refresh = refresh;
        this.app = app;
    }

    public static Broker start(BrokerConfig config, Clock clock) throws Exception {
        SecureRandom random = new SecureRandom();
        BrokerStorage storage = BrokerStorage.open(config, clock, random);
        RefreshEngine refresh = null;
        try {
            LookupCache cache = new LookupCache(config.cacheMaxEntries(), config.cacheTtl(),
                    config.refresh().skew(), clock);
            BrokerMetrics metrics = new BrokerMetrics();
            refresh = refreshEngine(config, storage, clock, cache, metrics);
            BrokerServices services = services(config, storage, clock, random, cache, metrics, refresh);
            config.adminKey().ifPresent(secret -> services.keys().bootstrapAdminKey(secret.reveal())
                    .ifPresent(key -> LOG.info("registered CREDBROKER_ADMIN_KEY as {}", key.id())));
            storage.rewrapper().start();
            // one embedded node schedules in memory; nodes sharing PostgreSQL form one Quartz cluster
            refresh.startSchedule(config.embeddedDatabase(), config.embeddedDatabase() ? ScheduleStore.inMemory()
                    : ScheduleStore.clustered(storage.database().dataSource()));
            Javalin app = BrokerApp.create(services).start(config.port());
            LOG.info("credbroker listening on port {}", app.port());
            return new Broker(storage, refresh, app);
        } catch (Exception | Error e) {
            if (refresh != null) {
                refresh.close();
            }
            storage.close();
            throw e;
        }
    }

    /** The refresh engine on the broker's storage; its commits drop cached responses and are audited. */
    static RefreshEngine refreshEngine(BrokerConfig config, BrokerStorage storage, Clock clock, LookupCache cache,
            BrokerMetrics metrics) {
        return new RefreshEngine(config.refresh(), clock, storage.credentials(), storage.refreshStore(),
                storage.authConfigs(), new NimbusTokenClient(config.refresh(), clock),
                new RefreshCommits(cache, storage.auditLog(), clock), metrics.registry());
    }

    static BrokerServices services(BrokerConfig config, BrokerStorage storage, Clock clock, SecureRandom random,
            LookupCache cache, BrokerMetrics metrics, RefreshEngine refresh) {
        Json json = new Json();
        metrics.gauge("credbroker.lookup.cache.size", "ready lookup responses held in the cache", cache::size);
        CredentialService credentials = new CredentialService(storage.credentials(), cache,
                new CredentialViews(json, random), clock, random, refresh.refresher(), config.refresh().skew());
        Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
        readiness.put("database", storage.database()::isReachable);
        readiness.put("keyring", storage.keyring()::isOpen);
        return new BrokerServices(config.maxBodyBytes(), json, credentials,
                new ApiKeyService(storage.apiKeys(), clock, random),
                new AuthConfigService(storage.authConfigs(), config.refresh().allowInsecureTokenUrls(), clock, random),
                new AuthFailureLimiter(config.authFailureLimit(), clock),
                new AuditService(storage.auditLog(), clock, AUDIT_TIMEOUT),
                storage.keyringOperations(command -> new Thread(command, "credbroker-rewrap-now").start()), metrics,
                readiness);
    }

    public int port() {
        return app.port();
    }

    public Javalin app() {
        return app;
    }

    public BrokerStorage storage() {
        return storage;
    }

    public RefreshEngine refresh() {
        return refresh;
    }

    /** Stops serving, lets in-flight refreshes finish, then closes storage. */
    @Override
    public void close() {
        app.stop();
        refresh.close();
        storage.close();
    }
}
