package com.credbroker.broker.authconfig;

import static com.credbroker.broker.auth.Scope.ADMIN;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.auth.Guard.Authorized;
import com.credbroker.broker.http.Bodies;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.ListResponse;
import com.credbroker.broker.http.Queries;
import com.credbroker.broker.http.RouteTable;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.credential.Page;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code /admin/auth-configs}: create, list, show, patch, delete. Admin scope only; every operation is
 * audited by the service (refusals and failures too), with the config's ID as the record's target once it
 * is known to be well-formed. The client secret is write-only: no response, audit record or log line carries it.
 */
public final class AuthConfigRoutes {
    public static final String BASE = "/v1/personal-connectors/admin/auth-configs";
    private static final String ID = "auth_config_id";
    private static final String JSON = "application/json";

    private final AuthConfigService service;
    private final Guard guard;
    private final Bodies bodies;
    private final Json json;

    public AuthConfigRoutes(AuthConfigService service, Guard guard, Bodies bodies, Json json) {
        this.service = service;
        this.guard = guard;
        this.bodies = bodies;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.post(BASE, this::create)
                .get(BASE, this::list)
                .get(BASE + "/{" + ID + "}", this::get)
                .patch(BASE + "/{" + ID + "}", this::patch)
                .delete(BASE + "/{" + ID + "}", this::delete);
    }

    private void create(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.AUTH_CONFIG_CREATE, null, ADMIN);
        respond(ctx, 201, service.create(who.actor(), bodies.read(ctx, AuthConfigRequest.class)));
    }

    private void list(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.AUTH_CONFIG_LIST, null, ADMIN);
        Queries.allowOnly(ctx, Queries.PAGE);
        Page<AuthConfig> page = service.list(who.actor(), Queries.limit(ctx), Queries.cursor(ctx));
        ctx.contentType(JSON).result(json.write(new ListResponse<>(
                page.items().stream().map(AuthConfigResponse::of).toList(), page.nextCursor())));
    }

    private void get(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.AUTH_CONFIG_READ, null, ADMIN);
        respond(ctx, 200, service.get(who.actor(), ctx.pathParam(ID)));
    }

    private void patch(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.AUTH_CONFIG_UPDATE, null, ADMIN);
        JsonNode body = bodies.jsonObject(ctx);
        Set<String> present = new HashSet<>();
        body.fieldNames().forEachRemaining(present::add);
        respond(ctx, 200, service.patch(who.actor(), ctx.pathParam(ID), json.read(body, AuthConfigRequest.class),
                present));
    }

    private void delete(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.AUTH_CONFIG_DELETE, null, ADMIN);
        service.delete(who.actor(), ctx.pathParam(ID));
        ctx.status(204);
    }

    private void respond(Context ctx, int status, AuthConfig config) {
        ctx.status(status).contentType(JSON).result(json.write(AuthConfigResponse.of(config)));
    }
}
