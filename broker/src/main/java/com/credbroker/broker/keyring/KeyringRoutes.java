package com.credbroker.broker.keyring;

import static com.credbroker.broker.auth.Scope.ADMIN;

import com.credbroker.broker.auth.Caller;
import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.RouteTable;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin/keyring}: the data-key terms and a rotation that rewraps while the broker serves.
 * The {@code rotate-keys} command calls this on a running embedded broker (whose database it cannot open).
 */
public final class KeyringRoutes {
    public static final String BASE = "/v1/personal-connectors/admin/keyring";

    private final KeyringOperations keyring;
    private final Guard guard;
    private final Json json;

    public KeyringRoutes(KeyringOperations keyring, Guard guard, Json json) {
        this.keyring = keyring;
        this.guard = guard;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.get(BASE, this::status).post(BASE + "/rotate", this::rotate);
    }

    private void status(Context ctx) {
        guard.require(ctx, "keyring.read", null, ADMIN);
        respond(ctx, 200, keyring.activeTerm(), keyring.pendingRewrap());
    }

    private void rotate(Context ctx) {
        Caller caller = guard.require(ctx, "keyring.rotate", null, ADMIN);
        int term = keyring.rotate();
        guard.audit(ctx, caller, "keyring.rotate", null, "success");
        respond(ctx, 200, term, keyring.pendingRewrap());
    }

    private void respond(Context ctx, int status, int activeTerm, long pending) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active_term", activeTerm);
        body.put("payloads_pending_rewrap", pending);
        ctx.status(status).contentType("application/json").result(json.write(body));
    }
}
