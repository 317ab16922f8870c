package com.credbroker.broker.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** Registers routes and remembers them, so the OpenAPI document can be checked against what is served. */
public final class RouteTable {
    public record Route(String method, String path) {
    }

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    public RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public RouteTable get(String path, Handler handler) {
        registered.add(new Route("get", path));
        routes.get(path, handler);
        return this;
    }

    public RouteTable post(String path, Handler handler) {
        registered.add(new Route("post", path));
        routes.post(path, handler);
        return this;
    }

    public RouteTable patch(String path, Handler handler) {
        registered.add(new Route("patch", path));
        routes.patch(path, handler);
        return this;
    }

    public RouteTable delete(String path, Handler handler) {
        registered.add(new Route("delete", path));
        routes.delete(path, handler);
        return this;
    }

    public List<Route> registered() {
        return List.copyOf(registered);
    }
}
