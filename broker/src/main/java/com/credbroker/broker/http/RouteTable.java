package com.credbroker.broker.http;

import com.credbroker.broker.auth.Authenticator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Registers routes and remembers them, so the OpenAPI document can be checked against what is served.
 *
 * <p>The admin API's query parameters belong to its four listings, which refuse the ones they do not take
 * ({@link Queries#allowOnly}); every other admin operation takes none, so this table refuses any (400), as an
 * unknown body field is refused, rather than ignoring it. The check runs once the route has matched (the
 * access log names the route) and leaves a key-like parameter to the authenticator, which refuses it as a
 * leaked key.
 */
public final class RouteTable {
    public record Route(String method, String path) {
    }

    private static final String ADMIN = "/v1/personal-connectors/admin/";
    /** The admin listings: the only admin operations that take query parameters. */
    private static final Set<String> LISTINGS = Set.of(ADMIN + "credentials", ADMIN + "audit",
            ADMIN + "auth-configs", ADMIN + "api-keys");

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    public RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public RouteTable get(String path, Handler handler) {
        return add("get", path, handler, routes::get);
    }

    public RouteTable post(String path, Handler handler) {
        return add("post", path, handler, routes::post);
    }

    public RouteTable patch(String path, Handler handler) {
        return add("patch", path, handler, routes::patch);
    }

    public RouteTable delete(String path, Handler handler) {
        return add("delete", path, handler, routes::delete);
    }

    private RouteTable add(String method, String path, Handler handler, BiConsumer<String, Handler> javalin) {
        registered.add(new Route(method, path));
        boolean takesNoQuery = path.startsWith(ADMIN) && !(method.equals("get") && LISTINGS.contains(path));
        javalin.accept(path, takesNoQuery ? withoutQuery(handler) : handler);
        return this;
    }

    private static Handler withoutQuery(Handler handler) {
        return ctx -> {
            if (ctx.queryString() != null && !Authenticator.hasKeyInUrl(ctx)) {
                Queries.allowOnly(ctx, Set.of());
            }
            handler.handle(ctx);
        };
    }

    public List<Route> registered() {
        return List.copyOf(registered);
    }
}
