package com.credbroker.broker.keyring;

import static com.credbroker.broker.auth.Scope.ADMIN;

import com.credbroker.broker.audit.AuditAction;
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

    private final KeyringService keyring;
    private final Guard guard;
    private final Json json;

    public KeyringRoutes(KeyringService keyring, Guard guard, Json json) {
        this.keyring = keyring;
        this.guard = guard;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.get(BASE, this::status).post(BASE + "/rotate", this::rotate);
    }

    private void status(Context ctx) {
        guard.require(ctx, AuditAction.KEYRING_READ, null, ADMIN);
        respond(ctx, keyring.terms());
    }

    private void rotate(Context ctx) {
        respond(ctx, keyring.rotate(guard.require(ctx, AuditAction.KEYRING_ROTATE, null, ADMIN).actor()));
    }

    private void respond(Context ctx, KeyringService.Terms terms) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active_term", terms.activeTerm());
        body.put("payloads_pending_rewrap", terms.pendingRewrap());
        ctx.status(200).contentType("application/json").result(json.write(body));
    }
}
