package com.credbroker.broker.health;

import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.RouteTable;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code /health/live} (the process answers) and {@code /health/ready} (database reachable, keyring open). */
public final class HealthRoutes {
    private final Json json;
    private final Map<String, BooleanSupplier> readinessChecks;

    public HealthRoutes(Json json, Map<String, BooleanSupplier> readinessChecks) {
        this.json = json;
        this.readinessChecks = Map.copyOf(readinessChecks);
    }

    public void register(RouteTable routes) {
        routes.get("/health/live", ctx -> ctx.contentType("application/json").result("{\"status\":\"up\"}"))
                .get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean ready = true;
        for (Map.Entry<String, BooleanSupplier> check : readinessChecks.entrySet()) {
            boolean ok = safely(check.getValue());
            checks.put(check.getKey(), ok ? "up" : "down");
            ready &= ok;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "up" : "down");
        body.put("checks", checks);
        ctx.status(ready ? 200 : 503).contentType("application/json").result(json.write(body));
    }

    private static boolean safely(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
