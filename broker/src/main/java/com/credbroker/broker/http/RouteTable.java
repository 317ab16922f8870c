package com.credbroker.broker.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

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
        javalin.accept(path, handler);
        return this;
    }

    public List<Route> registered() {
        return List.copyOf(registered);
    }
}
