package com.credbroker.broker.authconfig;

import static com.credbroker.broker.auth.Scope.ADMIN;

import com.credbroker.broker.auth.Caller;
import com.credbroker.broker.auth.Guard;
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
import java.util.function.Supplier;

/**
 * {@code /admin/auth-configs}: create, list, show, patch, delete. Admin scope only; every operation is
 * audited (refusals and failures too), with the config's ID in the action once it is known to be
 * well-formed. The client secret is write-only: no response, audit record or log line carries it.
 */
public final class AuthConfigRoutes {
    public static final String BASE = "/v1/personal-connectors/admin/auth-configs";
    private static final String ID = "auth_config_id";
    private static final String JSON = "application/json";
    private static final int MAX_AUDIT_ACTION = 64;

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
        Caller caller = guard.require(ctx, "auth_config.create", null, ADMIN);
        AuthConfig created = audited(ctx, caller, "auth_config.create",
                () -> service.create(bodies.read(ctx, AuthConfigRequest.class)));
        guard.audit(ctx, caller, action("auth_config.create", created.authConfigId()), null, "success");
        respond(ctx, 201, created);
    }

    private void list(Context ctx) {
        Caller caller = guard.require(ctx, "auth_config.list", null, ADMIN);
        Page<AuthConfig> page = audited(ctx, caller, "auth_config.list", () -> {
            Queries.allowOnly(ctx, Queries.PAGE);
            return service.list(Queries.limit(ctx), Queries.cursor(ctx));
        });
        guard.audit(ctx, caller, "auth_config.list", null, "success");
        ctx.contentType(JSON).result(json.write(new ListResponse<>(
                page.items().stream().map(AuthConfigResponse::of).toList(), page.nextCursor())));
    }

    private void get(Context ctx) {
        Caller caller = guard.require(ctx, "auth_config.read", null, ADMIN);
        String action = action("auth_config.read", ctx.pathParam(ID));
        AuthConfig config = audited(ctx, caller, action, () -> service.get(ctx.pathParam(ID)));
        guard.audit(ctx, caller, action, null, "success");
        respond(ctx, 200, config);
    }

    private void patch(Context ctx) {
        Caller caller = guard.require(ctx, "auth_config.update", null, ADMIN);
        String action = action("auth_config.update", ctx.pathParam(ID));
        AuthConfig stored = audited(ctx, caller, action, () -> {
            JsonNode body = bodies.jsonObject(ctx);
            Set<String> present = new HashSet<>();
            body.fieldNames().forEachRemaining(present::add);
            return service.patch(ctx.pathParam(ID), json.read(body, AuthConfigRequest.class), present);
        });
        guard.audit(ctx, caller, action, null, "success");
        respond(ctx, 200, stored);
    }

    private void delete(Context ctx) {
        Caller caller = guard.require(ctx, "auth_config.delete", null, ADMIN);
        String action = action("auth_config.delete", ctx.pathParam(ID));
        audited(ctx, caller, action, () -> {
            service.delete(ctx.pathParam(ID));
            return null;
        });
        guard.audit(ctx, caller, action, null, "success");
        ctx.status(204);
    }

    private void respond(Context ctx, int status, AuthConfig config) {
        ctx.status(status).contentType(JSON).result(json.write(AuthConfigResponse.of(config)));
    }

    /**
     * {@code verb:ac_…} for a well-formed ID that fits the audit trail's 64-character action; just the
     * verb otherwise (an arbitrary path value is never recorded).
     */
    private static String action(String verb, String authConfigId) {
        String action = verb + ":" + authConfigId;
        return AuthConfigService.wellFormed(authConfigId) && action.length() <= MAX_AUDIT_ACTION ? action : verb;
    }

    private <T> T audited(Context ctx, Caller caller, String action, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            guard.auditFailure(ctx, caller, action, null, e);
            throw e;
        }
    }
}
