package com.credbroker.broker;

import com.credbroker.broker.apikey.ApiKeyRoutes;
import com.credbroker.broker.audit.AuditRoutes;
import com.credbroker.broker.auth.Authenticator;
import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.authconfig.AuthConfigRoutes;
import com.credbroker.broker.backup.BackupRoutes;
import com.credbroker.broker.connect.ConnectRoutes;
import com.credbroker.broker.connectioncheck.ConnectionCheckRoutes;
import com.credbroker.broker.credential.CredentialRoutes;
import com.credbroker.broker.health.HealthRoutes;
import com.credbroker.broker.http.AccessLog;
import com.credbroker.broker.http.Bodies;
import com.credbroker.broker.http.ErrorMapper;
import com.credbroker.broker.http.HeaderDeadline;
import com.credbroker.broker.http.HttpLimits;
import com.credbroker.broker.http.JsonErrorHandler;
import com.credbroker.broker.http.PathEncoding;
import com.credbroker.broker.http.RequestIds;
import com.credbroker.broker.http.RouteTable;
import com.credbroker.broker.keyring.KeyringRoutes;
import com.credbroker.broker.keyring.KeyringService;
import com.credbroker.broker.metrics.MetricsRoutes;
import com.credbroker.broker.openapi.OpenApiRoutes;
import com.credbroker.broker.provider.ProviderRoutes;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.Key;
import java.util.List;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.util.component.LifeCycle;

/** The composition root of the HTTP API: one configured Javalin, the same in production and tests. */
public final class BrokerApp {
    /** The routes the app serves, as registered (the OpenAPI check compares them with the document). */
    public static final Key<RouteTable> ROUTES = new Key<>("credbroker.routes");

    private BrokerApp() {
    }

    public static Javalin create(BrokerServices services) {
        return create(services, HttpLimits.DEFAULTS);
    }

    public static Javalin create(BrokerServices services, HttpLimits limits) {
        return create(services, limits, true);
    }

    /** With the access log on or off ({@code CREDBROKER_ACCESS_LOG}); see {@link AccessLog}. */
    public static Javalin create(BrokerServices services, HttpLimits limits, boolean accessLog) {
        return Javalin.create(config -> {
            configure(config, services, limits);
            if (accessLog) {
                config.requestLogger.http(AccessLog::log);
            }
        });
    }

    /**
     * The management listener: {@code /metrics} only, without a key, on its own port (bound to loopback by
     * default, where a local Prometheus agent scrapes it); the API port does not serve it. Metrics name auth
     * config IDs, which are not for every caller of the API.
     */
    public static Javalin createManagement(BrokerServices s) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
            ErrorMapper errors = new ErrorMapper(s.json(), s.metrics());
            config.routes.before(RequestIds::assign);
            config.routes.exception(Exception.class, errors::handle);
            config.routes.error(404, errors::handleStatus);
            new MetricsRoutes(s.metrics()).register(new RouteTable(config.routes));
        });
    }

    public static List<RouteTable.Route> routes(Javalin app) {
        return app.unsafe.appDataManager.get(ROUTES).registered();
    }

    private static void configure(JavalinConfig config, BrokerServices s, HttpLimits limits) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = s.maxBodyBytes();
        config.http.prefer405over404 = true;
        config.concurrency.useVirtualThreads = VirtualThreads.available();
        configureJetty(config, limits);
        ErrorMapper errors = new ErrorMapper(s.json(), s.metrics());
        // Request-scoped log lines carry the ID through RequestIds.logged(...), not a per-request MDC copy.
        config.routes.before(RequestIds::assign);
        config.routes.before(PathEncoding::requireWellFormed);
        config.routes.exception(Exception.class, errors::handle);
        // a 204 has no body, so no type either (Javalin gives every response its default type)
        config.routes.after(ctx -> {
            if (ctx.statusCode() == 204) {
                ctx.res().setContentType(null);
            }
        });
        // 408: the body did not arrive within the idle timeout; Javalin sets it without an exception
        for (int status : new int[] {404, 405, 408, 413}) {
            config.routes.error(status, errors::handleStatus);
        }
        RouteTable routes = new RouteTable(config.routes);
        registerRoutes(routes, s);
        config.appData(ROUTES, routes);
    }

    private static void registerRoutes(RouteTable routes, BrokerServices s) {
        Bodies bodies = new Bodies(s.json(), s.maxBodyBytes());
        Guard guard = new Guard(new Authenticator(s.keys(), s.authFailures()), s.audit());
        new CredentialRoutes(s.credentials(), guard, bodies, s.json()).register(routes);
        new ApiKeyRoutes(s.keys(), guard, bodies, s.json()).register(routes);
        new AuthConfigRoutes(s.authConfigs(), guard, bodies, s.json()).register(routes);
        new ProviderRoutes(s.providers(), guard, s.json()).register(routes);
        new ConnectRoutes(s.connect(), s.callbacks(), guard, bodies, s.json()).register(routes);
        new ConnectionCheckRoutes(s.connectionChecks(), guard, s.json()).register(routes);
        new AuditRoutes(s.audit(), guard, s.json()).register(routes);
        new KeyringRoutes(new KeyringService(s.keyring(), s.audit()), guard, s.json()).register(routes);
        new BackupRoutes(s.backup(), guard).register(routes);
        new HealthRoutes(s.json(), s.readinessChecks()).register(routes);
        new OpenApiRoutes().register(routes);
    }

    private static void configureJetty(JavalinConfig config, HttpLimits limits) {
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            // the cap keeps slow or idle clients from taking every file descriptor; the deadline frees their slots
            server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
            server.addBean(new HeaderDeadline(server, limits.headerTimeout()));
            // Javalin adds its connector after this runs: set the idle timeout once every connector exists.
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (Connector connector : server.getConnectors()) {
                        if (connector instanceof AbstractConnector bounded) {
                            bounded.setIdleTimeout(limits.idleTimeout().toMillis());
                        }
                    }
                }
            });
        });
        config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
        config.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            http.setSendDateHeader(true);
            http.setRequestHeaderSize(16 * 1024);
        });
    }
}
