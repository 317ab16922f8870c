package com.credbroker.broker.testing;

import com.credbroker.broker.BrokerApp;
import com.credbroker.broker.BrokerServices;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.apikey.ApiKeyService;
import com.credbroker.broker.auth.AuthFailureLimiter;
import com.credbroker.broker.auth.Scope;
import com.credbroker.broker.authconfig.AuthConfigService;
import com.credbroker.broker.connectioncheck.ConnectionCheckService;
import com.credbroker.broker.credential.CredentialRevoker;
import com.credbroker.broker.credential.CredentialService;
import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.broker.credential.LookupCache;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.metrics.BrokerMetrics;
import com.credbroker.config.RefreshConfig;
import com.credbroker.refresh.engine.RefreshEngine;
import com.credbroker.refresh.provider.ProviderCatalogue;
import com.credbroker.storage.apikey.KeyKind;
import com.credbroker.storage.audit.InMemoryAuditLog;
import com.credbroker.storage.fakes.InMemoryApiKeyRepository;
import com.credbroker.storage.fakes.InMemoryAuthConfigRepository;
import com.credbroker.storage.fakes.InMemoryConnectionCheckRepository;
import com.credbroker.storage.fakes.InMemoryCredentialRepository;
import com.credbroker.storage.testing.MutableClock;
import io.javalin.Javalin;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

/**
 * {@link BrokerApp#create} on port 0 over the storage test-jar's in-memory fakes: no database file, no
 * provider, no child process, so a handler test starts in milliseconds. Refresh, connect, keyring and backup
 * are not wired (their routes answer 500 here); their tests are ITs on the real broker ({@link RunningBroker}).
 * The {@link #http} client checks every answer against openapi.json, as it does in the ITs.
 */
public final class FakeBroker implements AutoCloseable {
    public final MutableClock clock = new MutableClock(RunningBroker.START);
    public final InMemoryCredentialRepository credentials = new InMemoryCredentialRepository();
    public final InMemoryAuthConfigRepository authConfigs = new InMemoryAuthConfigRepository(credentials);
    public final InMemoryApiKeyRepository apiKeys = new InMemoryApiKeyRepository();
    public final InMemoryAuditLog audit = new InMemoryAuditLog();
    public final Http http;
    private final Map<String, String> admin;
    private final Javalin app;

    public FakeBroker() {
        this(ProviderCatalogue.empty());
    }

    /** Serving {@code providers} on {@code /admin/providers}. */
    public FakeBroker(ProviderCatalogue providers) {
        SecureRandom random = new SecureRandom();
        Json json = new Json();
        BrokerMetrics metrics = new BrokerMetrics();
        RefreshConfig refresh = RefreshConfig.defaults();
        // the engine is only built for its refresher's rules; no refresh runs without a provider
        RefreshEngine engine = new RefreshEngine(refresh, clock, credentials, null, authConfigs, null, null,
                metrics.registry());
        AuditService auditService = new AuditService(audit, clock, Duration.ofSeconds(5));
        CredentialService credentialService = new CredentialService(credentials,
                new LookupCache(1_000, Duration.ofMinutes(5), refresh.skew(), clock), new CredentialViews(json, random),
                clock, random, engine.refresher(), refresh.skew(), new CredentialRevoker(authConfigs, null),
                authConfigs, auditService, metrics);
        ApiKeyService keys = new ApiKeyService(apiKeys, clock, random, auditService);
        admin = Map.of(KeyKind.API.header(), keys.create(KeyKind.API, "admin", EnumSet.allOf(Scope.class)).secret());
        BrokerServices services = new BrokerServices(64 * 1024, json, credentialService, keys,
                new AuthConfigService(authConfigs, false, clock, random, auditService), null, null,
                new ConnectionCheckService(credentialService, new InMemoryConnectionCheckRepository(credentials), null,
                        auditService, metrics),
                new AuthFailureLimiter(1_000, clock), auditService, null,
                metrics, Map.of(), null, providers);
        app = BrokerApp.create(services).start(0);
        http = new Http(app.port());
    }

    /** Headers carrying a key with every scope. */
    public Map<String, String> admin() {
        return admin;
    }

    @Override
    public void close() {
        app.stop();
    }
}
