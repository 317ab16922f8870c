package com.credbroker.broker;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.auth.AdminKeyBootstrap;
import com.credbroker.broker.apikey.ApiKeyService;
import com.credbroker.broker.auth.AuthFailureLimiter;
import com.credbroker.broker.authconfig.AuthConfigService;
import com.credbroker.broker.backup.BackupService;
import com.credbroker.broker.cluster.CacheCoherence;
import com.credbroker.broker.connect.AuthorizationSweeper;
import com.credbroker.broker.connect.CallbackService;
import com.credbroker.broker.connect.ConnectParts;
import com.credbroker.broker.connect.ConnectService;
import com.credbroker.broker.connect.OpenIdSteps;
import com.credbroker.broker.connect.Reconnects;
import com.credbroker.broker.connectioncheck.ConnectionCheckService;
import com.credbroker.broker.credential.CredentialRevoker;
import com.credbroker.broker.credential.CredentialService;
import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.broker.credential.LookupCache;
import com.credbroker.broker.health.DiskSpace;
import com.credbroker.broker.http.AccessLog;
import com.credbroker.broker.http.HttpLimits;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.metrics.BrokerMetrics;
import com.credbroker.broker.refresh.RefreshCommits;
import com.credbroker.config.BrokerConfig;
import com.credbroker.refresh.client.NimbusTokenClient;
import com.credbroker.refresh.client.HttpCheckRequestClient;
import com.credbroker.refresh.crashpoint.CrashPoints;
import com.credbroker.refresh.crashpoint.FaultHook;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.refresh.engine.RefreshEngine;
import com.credbroker.refresh.provider.CatalogueResolver;
import com.credbroker.refresh.provider.ProviderCatalogue;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.connectioncheck.ConnectionChecker;
import com.credbroker.refresh.schedule.ScheduleStore;
import com.credbroker.storage.apikey.ApiKey;
import com.credbroker.storage.notify.PostgresChangeListener;
import io.javalin.Javalin;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running broker: storage opened, services built, HTTP served. Closing stops it gracefully. */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(5);

    private final BrokerStorage storage;
    private final RefreshEngine refresh;
    private final AuthorizationSweeper sweeper;
    private final Javalin app;
    private final Javalin management;
    private final Optional<PostgresChangeListener> coherence;
    private final AuditService audit;

    private Broker(BrokerStorage storage, RefreshEngine refresh, AuthorizationSweeper sweeper, Javalin app,
            Javalin management, Optional<PostgresChangeListener> coherence, AuditService audit) {
        this.storage = storage;
        this.audit = audit;
        this.refresh = refresh;
        this.sweeper = sweeper;
        this.app = app;
        this.management = management;
        this.coherence = coherence;
    }

    public static Broker start(BrokerConfig config, Clock clock) throws Exception {
        return start(config, clock, HttpLimits.of(config.server()));
    }

    /** With the HTTP server's connection limits given (tests shorten the idle timeout). */
    public static Broker start(BrokerConfig config, Clock clock, HttpLimits limits) throws Exception {
        // every problem of the provider templates stops start-up before anything opens (ConfigException: exit 2)
        ProviderCatalogue catalogue = ProviderCatalogue.load(config.refresh());
        return start(config, clock, limits, new CatalogueResolver(catalogue), catalogue);
    }

    /** With the resolver of provider templates given (tests use a small fake catalogue). */
    public static Broker start(BrokerConfig config, Clock clock, HttpLimits limits, ProviderResolver providers)
            throws Exception {
        return start(config, clock, limits, providers, ProviderCatalogue.load(config.refresh()));
    }

    /** With the resolver and the catalogue {@code GET /admin/providers} lists. */
    public static Broker start(BrokerConfig config, Clock clock, HttpLimits limits, ProviderResolver providers,
            ProviderCatalogue catalogue) throws Exception {
        warnIfInsecure(config);
        LOG.info("provider catalogue: {} templates", catalogue.size());
        providers = OpenIdSteps.discovering(providers, config.refresh(), config.connect().egressAllowList(),
                config.connect().oidcDiscoveryTtl(), clock); // an issuer-only provider refreshes and revokes too
        SecureRandom random = new SecureRandom();
        BrokerStorage storage = BrokerStorage.open(config, clock, random);
        try {
            storage.requireCompleteAuditTrail(); // fail closed, as Vault does when its audit cannot be trusted
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        RefreshEngine refresh = null;
        AuthorizationSweeper sweeper = null;
        Optional<PostgresChangeListener> coherence = Optional.empty();
        try {
            LookupCache cache = new LookupCache(config.cacheMaxEntries(), config.cacheTtl(),
                    config.refresh().skew(), clock);
            BrokerMetrics metrics = new BrokerMetrics();
            metrics.tamperedRows(storage.keyring().cryptographer().tamperedRows());
            FaultHook faults = crashTestHook();
            NimbusTokenClient oauth = new NimbusTokenClient(config.refresh(), EgressPolicy.forTokenEndpoints(
                    config.refresh().allowInsecureTokenUrls(), config.connect().egressAllowList(), HostResolver.system()),
                    clock, faults);
            refresh = refreshEngine(config, storage, clock, cache, metrics, oauth, providers, faults);
            AtomicInteger port = new AtomicInteger(config.port());
            BrokerServices services = services(config, storage, new Shared(clock, random, cache, metrics, refresh,
                    oauth, publicBaseUrl(config, port), providers, catalogue));
            config.adminKey().ifPresent(secret -> registerAdminKey(secret.reveal(), storage, services, clock, random));
            // one embedded node drops its own cache entries; nodes sharing PostgreSQL hear each other's writes
            coherence = config.embeddedDatabase() ? Optional.empty()
                    : Optional.of(CacheCoherence.listen(config.database(), cache, services.keys()));
            coherence.ifPresent(listener -> metrics.gauge("credbroker.cluster.listening",
                    "1 while this node hears other nodes' changes (LISTEN connection open), else 0",
                    () -> listener.isListening() ? 1 : 0));
            storage.rewrapper().start();
            // one embedded node schedules in memory; nodes sharing PostgreSQL form one Quartz cluster
            refresh.startSchedule(config.embeddedDatabase(), config.embeddedDatabase() ? ScheduleStore.inMemory()
                    : ScheduleStore.clustered(storage.database().dataSource()));
            // Quartz itself logs only warnings (logback.xml): this is the one line that says the schedule runs
            LOG.info("refresh scheduler running: a scan every {}, refreshing tokens that expire within {} ({})",
                    config.refresh().interval(), config.refresh().window(),
                    config.embeddedDatabase() ? "in memory, one node" : "clustered on the shared database");
            sweeper = new AuthorizationSweeper(services.connect());
            Javalin app = BrokerApp.create(services, limits, config.server().accessLog()).start(config.port());
            port.set(app.port());
            Javalin management = startManagement(config, services, app);
            sweeper.start(config.refresh().interval());
            LOG.info("credbroker listening on port {}", app.port());
            return new Broker(storage, refresh, sweeper, app, management, coherence, services.audit());
        } catch (Exception | Error e) {
            coherence.ifPresent(PostgresChangeListener::close);
            closeAll(sweeper, refresh, storage);
            throw e;
        }
    }

    /** Plain-http token URLs are for local providers and tests: say so loudly where a production log shows it. */
    private static void warnIfInsecure(BrokerConfig config) {
        if (config.refresh().allowInsecureTokenUrls()) {
            LOG.warn("CREDBROKER_ALLOW_INSECURE_TOKEN_URLS=true: token, authorization and revocation endpoints and"
                    + " test requests may be plain http, so client secrets and tokens can cross the network"
                    + " unencrypted; use it only with local providers and tests, never in production");
        }
    }

    /** The management listener ({@code /metrics}); the API listener is stopped again when it cannot start. */
    private static Javalin startManagement(BrokerConfig config, BrokerServices services, Javalin app) {
        try {
            Javalin management = BrokerApp.createManagement(services)
                    .start(config.server().managementBind(), config.server().managementPort());
            LOG.info("management listener (/metrics) on {}:{}", config.server().managementBind(), management.port());
            return management;
        } catch (RuntimeException e) {
            app.stop();
            throw e;
        }
    }

    /**
     * Registers {@code CREDBROKER_ADMIN_KEY} (idempotent when nodes start together) and revokes the key an
     * earlier value registered. A change of the value is audited like the API's key operations (the new key
     * as the actor); the first registration, part of installing the broker, is only logged.
     */
    private static void registerAdminKey(String secret, BrokerStorage storage, BrokerServices services, Clock clock,
            SecureRandom random) {
        AdminKeyBootstrap.Outcome outcome = new AdminKeyBootstrap(storage.apiKeys(), clock, random).register(secret);
        String actor = outcome.key().id();
        if (outcome.registered()) {
            LOG.info("registered CREDBROKER_ADMIN_KEY as {}", actor);
        }
        if (outcome.revoked().isEmpty()) {
            return;
        }
        if (outcome.registered()) {
            services.audit().record(AuditAction.KEY_CREATE, new Actor(actor, null), null, actor, "success");
        }
        for (ApiKey revoked : outcome.revoked()) {
            LOG.info("CREDBROKER_ADMIN_KEY changed: revoked {}, the key its previous value registered", revoked.id());
            services.audit().record(AuditAction.KEY_REVOKE, new Actor(actor, null), null, revoked.id(), "success");
        }
    }

    /** The configured public base URL, or {@code http://localhost:<port the broker listens on>}. */
    private static Supplier<URI> publicBaseUrl(BrokerConfig config, AtomicInteger port) {
        if (config.connect().publicBaseUrl().isPresent()) {
            URI configured = config.connect().publicBaseUrl().get();
            return () -> configured;
        }
        LOG.warn("CREDBROKER_PUBLIC_BASE_URL is unset: OAuth callbacks go to http://localhost:<port>, which only a"
                + " browser on this machine reaches; set it for any other deployment");
        return () -> URI.create("http://localhost:" + port.get());
    }

    /** The refresh engine on the broker's storage; its commits drop cached responses and are audited. */
    static RefreshEngine refreshEngine(BrokerConfig config, BrokerStorage storage, Clock clock, LookupCache cache,
            BrokerMetrics metrics, NimbusTokenClient oauth, ProviderResolver providers, FaultHook faults) {
        return new RefreshEngine(config.refresh(), clock, storage.credentials(), storage.refreshStore(),
                storage.authConfigs(), oauth, providers, new RefreshCommits(cache, storage.auditLog(), clock),
                metrics.registry(),
                faults);
    }

    /**
     * The crash tests' fault hook ({@link CrashPoints}), read once here from a system property and the
     * environment; {@link FaultHook#NONE} in production, where neither is set.
     */
    private static FaultHook crashTestHook() {
        return CrashPoints.of(System.getProperty(CrashPoints.PROPERTY), System.getenv(CrashPoints.POINT_ENV),
                System.getenv(CrashPoints.MARKER_ENV));
    }

    /** What every service may share: built once in {@link #start}. */
    private record Shared(Clock clock, SecureRandom random, LookupCache cache, BrokerMetrics metrics,
            RefreshEngine refresh, NimbusTokenClient oauth, Supplier<URI> publicBaseUrl, ProviderResolver providers,
            ProviderCatalogue catalogue) {
    }

    private static BrokerServices services(BrokerConfig config, BrokerStorage storage, Shared s) {
        Json json = new Json();
        s.metrics().gauge("credbroker.lookup.cache.size", "ready lookup responses held in the cache", s.cache()::size);
        AuditService audit = new AuditService(storage.auditLog(), s.clock(), AUDIT_TIMEOUT,
                config.audit().refusalWindow(), config.audit().refusalMaxClients());
        CredentialService credentials = new CredentialService(storage.credentials(), s.cache(),
                new CredentialViews(json, s.random()), s.clock(), s.random(), s.refresh().refresher(),
                config.refresh().skew(), new CredentialRevoker(storage.authConfigs(), s.oauth(), s.providers()),
                storage.authConfigs(), audit, s.metrics(), s.providers());
        AuthConfigService authConfigs = new AuthConfigService(storage.authConfigs(),
                config.refresh().allowInsecureTokenUrls(), EgressPolicy.enforcing(config.connect().egressAllowList(),
                        HostResolver.withoutLookups()), s.clock(), s.random(), audit, s.providers());
        ConnectParts connect = new ConnectParts(authConfigs, storage.credentials(), storage.connectStore(),
                storage.database().transactions(), s.cache(),
                config.refresh(), config.connect(), s.publicBaseUrl(), s.clock());
        OpenIdSteps openId = OpenIdSteps.forBroker(s.providers(), config.refresh(), // issue 17: OIDC, identity
                config.connect().egressAllowList(), config.connect().oidcDiscoveryTtl(), s.clock(), s.random());
        Reconnects reconnects = new Reconnects(connect, storage.reconnectStore(),
                new CredentialRevoker(storage.authConfigs(), s.oauth(), s.providers()), s.random(), audit, openId);
        ConnectionChecker checker = new ConnectionChecker(config.connect(), config.refresh().allowInsecureTokenUrls(),
                EgressPolicy.enforcing(config.connect().egressAllowList(), HostResolver.system()),
                new HttpCheckRequestClient(config.connect()), s.refresh().refresher(), storage.credentials(), s.clock(),
                s.providers(), storage.authConfigs()::find);
        Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
        readiness.put("database", storage.database()::isReachable);
        readiness.put("keyring", storage.keyring()::isOpen);
        DiskSpace disk = new DiskSpace(config.dataDir(), config.audit().diskLowBytes(), config.audit().diskMinBytes());
        readiness.put("disk", disk);
        s.metrics().gauge("credbroker.disk.free.bytes", "usable bytes on the file system of the data directory"
                + " (database and audit trail)", disk::freeBytes);
        return new BrokerServices(config.maxBodyBytes(), json, credentials,
                new ApiKeyService(storage.apiKeys(), s.clock(), s.random(), audit), authConfigs,
                new ConnectService(connect, s.random(), audit, openId, reconnects),
                new CallbackService(connect, s.oauth(), audit, openId, reconnects),
                new ConnectionCheckService(credentials, storage.connectionChecks(), checker, audit, s.metrics()),
                new AuthFailureLimiter(config.authFailureLimit(), s.clock()), audit,
                storage.keyringOperations(command -> new Thread(command, "credbroker-rewrap-now").start()),
                s.metrics(), readiness, new BackupService(storage.database().dataSource(), config.dataDir(),
                        storage.archiveSigner(), s.clock(), s.random(), audit), s.catalogue());
    }

    public int port() {
        return app.port();
    }

    public Javalin app() {
        return app;
    }

    /** The port of the management listener that serves {@code /metrics}. */
    public int managementPort() {
        return management.port();
    }

    public BrokerStorage storage() {
        return storage;
    }

    /** The listener that keeps caches coherent across nodes; empty on the embedded database. */
    public Optional<PostgresChangeListener> coherence() {
        return coherence;
    }

    public RefreshEngine refresh() {
        return refresh;
    }

    /** The background end of connect flows that ran out of time. */
    public AuthorizationSweeper sweeper() {
        return sweeper;
    }

    /** Stops serving, lets in-flight refreshes finish, then closes storage. */
    @Override
    public void close() {
        app.stop();
        AccessLog.flush(); // the lines of the last requests, still queued
        management.stop();
        audit.close(); // the refusal counts still pending, before the trail closes
        coherence.ifPresent(PostgresChangeListener::close);
        closeAll(sweeper, refresh, storage);
    }

    private static void closeAll(AuthorizationSweeper sweeper, RefreshEngine refresh, BrokerStorage storage) {
        if (sweeper != null) {
            sweeper.close();
        }
        if (refresh != null) {
            refresh.close();
        }
        storage.close();
    }
}
