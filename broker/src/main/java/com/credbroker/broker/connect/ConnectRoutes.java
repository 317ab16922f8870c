package com.credbroker.broker.connect;

import static com.credbroker.broker.auth.Scope.CREDENTIALS_WRITE;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.auth.Guard.Authorized;
import com.credbroker.broker.http.Bodies;
import com.credbroker.broker.http.Ids;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.RequestIds;
import com.credbroker.broker.http.RouteTable;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth connect flow: {@code POST /admin/connections/initiate} and {@code POST
 * /admin/connections/{connection_id}/reconnect} (reconnect in place, {@link Reconnects}; both scope
 * {@code credentials:write}) and the provider-facing {@code GET /oauth/callback}, which a browser reaches
 * without an API key: the single-use state is its credential. All are audited (the callback as the broker's own action, with
 * the request ID). Neither response nor any audit record carries a code, state, verifier or token.
 */
public final class ConnectRoutes {
    public static final String INITIATE = "/v1/personal-connectors/admin/connections/initiate";
    public static final String CALLBACK = "/v1/personal-connectors/oauth/callback";
    /** Reconnect in place (same connection and credential IDs): see {@link Reconnects}. */
    public static final String RECONNECT = "/v1/personal-connectors/admin/connections/{connection_id}/reconnect";

    private final ConnectService connect;
    private final CallbackService callbacks;
    private final Guard guard;
    private final Bodies bodies;
    private final Json json;

    public ConnectRoutes(ConnectService connect, CallbackService callbacks, Guard guard, Bodies bodies, Json json) {
        this.connect = connect;
        this.callbacks = callbacks;
        this.guard = guard;
        this.bodies = bodies;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.post(INITIATE, this::initiate).get(CALLBACK, this::callback).post(RECONNECT, this::reconnect);
    }

    private void initiate(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.CONNECTION_INITIATE, null, CREDENTIALS_WRITE);
        InitiateResponse started = connect.initiate(who.actor(), bodies.read(ctx, InitiateRequest.class));
        ctx.status(201).contentType("application/json").result(json.write(started));
    }

    private void reconnect(Context ctx) {
        String connectionId = Ids.connectionId(ctx.pathParam("connection_id"));
        Authorized who = guard.require(ctx, AuditAction.CONNECTION_RECONNECT, connectionId, CREDENTIALS_WRITE);
        InitiateResponse started = connect.reconnect(who.actor(), connectionId,
                bodies.read(ctx, ReconnectRequest.class));
        ctx.status(201).contentType("application/json").result(json.write(started));
    }

    private void callback(Context ctx) {
        CallbackResult result = callbacks.callback(ctx.ip(), RequestIds.of(ctx), ctx.queryParam("state"),
                ctx.queryParam("code"), ctx.queryParam("error"), ctx.queryParam("error_description"),
                ctx.queryParam("iss"));
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
        if (result instanceof CallbackResult.Redirect redirect) {
            ctx.redirect(redirect.location().toString(), HttpStatus.FOUND);
        } else if (result instanceof CallbackResult.Ended ended) {
            ctx.contentType("application/json").result(json.write(ended(ended)));
        } else {
            throw ConnectRequests.invalidState();
        }
    }

    private static Map<String, String> ended(CallbackResult.Ended ended) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("connection_id", ended.connectionId());
        body.put("status", ended.status());
        body.put("error", ended.error());
        return body;
    }
}
