package com.credbroker.broker.health;

import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.RouteTable;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (database reachable, keyring open,
 * disk not full). A {@link WarningCheck} may add a line to {@code warnings} (present only when there is
 * one) while staying up, e.g. free disk space running low.
 */
public final class HealthRoutes {

    /** A readiness check that can warn before it goes down. */
    public interface WarningCheck extends BooleanSupplier {
        /** A warning for operators, or empty; never a secret. */
        Optional<String> warning();
    }

    private final Json json;
    private final Map<String, BooleanSupplier> readinessChecks;

    public HealthRoutes(Json json, Map<String, BooleanSupplier> readinessChecks) {
        this.json = json;
        this.readinessChecks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(readinessChecks));
    }

    public void register(RouteTable routes) {
        routes.get("/health/live", ctx -> ctx.contentType("application/json").result("{\"status\":\"up\"}"))
                .get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        boolean ready = true;
        for (Map.Entry<String, BooleanSupplier> check : readinessChecks.entrySet()) {
            boolean ok = safely(check.getValue());
            checks.put(check.getKey(), ok ? "up" : "down");
            ready &= ok;
            if (check.getValue() instanceof WarningCheck warns) {
                warning(warns).ifPresent(warnings::add);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "up" : "down");
        body.put("checks", checks);
        if (!warnings.isEmpty()) {
            body.put("warnings", warnings);
        }
        ctx.status(ready ? 200 : 503).contentType("application/json").result(json.write(body));
    }

    private static Optional<String> warning(WarningCheck check) {
        try {
            return check.warning();
        } catch (RuntimeException e) {
            return Optional.empty(); // the check itself reports down
        }
    }

    private static boolean safely(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
