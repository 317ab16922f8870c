package com.credbroker.broker.apikey;

import static com.credbroker.broker.auth.Scope.ADMIN;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.auth.Guard.Authorized;
import com.credbroker.broker.auth.Scope;
import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.http.Bodies;
import com.credbroker.broker.http.Ids;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.ListResponse;
import com.credbroker.broker.http.Queries;
import com.credbroker.broker.http.RouteTable;
import com.credbroker.storage.apikey.KeyKind;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code /admin/api-keys}: create (secret shown once), list, show, revoke. Admin scope only. */
public final class ApiKeyRoutes {
    public static final String BASE = "/v1/personal-connectors/admin/api-keys";
    private static final String JSON = "application/json";

    private final ApiKeyService keys;
    private final Guard guard;
    private final Bodies bodies;
    private final Json json;

    public ApiKeyRoutes(ApiKeyService keys, Guard guard, Bodies bodies, Json json) {
        this.keys = keys;
        this.guard = guard;
        this.bodies = bodies;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.post(BASE, this::create)
                .get(BASE, this::list)
                .get(BASE + "/{key_id}", this::get)
                .delete(BASE + "/{key_id}", this::revoke);
    }

    private void create(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.KEY_CREATE, null, ADMIN);
        ApiKeyRequest request = bodies.read(ctx, ApiKeyRequest.class);
        ApiKeyService.CreatedKey created = keys.create(who.actor(), kind(request.kind()), name(request.name()),
                scopes(request.scopes()));
        ctx.status(201).contentType(JSON).result(json.write(ApiKeyResponse.of(created.key(), created.secret())));
    }

    private void list(Context ctx) {
        guard.require(ctx, AuditAction.KEY_LIST, null, ADMIN);
        Queries.allowOnly(ctx, Set.of()); // newest first, one page: the keys of a deployment are few
        List<ApiKeyResponse> items = keys.list().stream().map(k -> ApiKeyResponse.of(k, null)).toList();
        ctx.contentType(JSON).result(json.write(new ListResponse<>(items, null)));
    }

    private void get(Context ctx) {
        guard.require(ctx, AuditAction.KEY_READ, null, ADMIN);
        String id = Ids.prefixed(ctx.pathParam("key_id"), "key", "api key");
        ctx.contentType(JSON).result(json.write(ApiKeyResponse.of(keys.get(id), null)));
    }

    private void revoke(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.KEY_REVOKE, null, ADMIN);
        keys.revoke(who.actor(), Ids.prefixed(ctx.pathParam("key_id"), "key", "api key"));
        ctx.status(204);
    }

    static KeyKind kind(String raw) {
        return KeyKind.fromWireName(raw == null ? "" : raw)
                .orElseThrow(() -> ApiException.validation("kind must be one of api, flowplate, hub"));
    }

    /**
     * 1-128 characters, none of them a control, format (e.g. a bidi override), separator-line or unpaired
     * surrogate character: a name is shown in listings, logs and terminals.
     */
    static String name(String raw) {
        if (raw == null || raw.isBlank() || raw.codePointCount(0, raw.length()) > 128
                || raw.codePoints().anyMatch(ApiKeyRoutes::unprintable)) {
            throw ApiException.validation("name is required: 1-128 characters, without control characters");
        }
        return raw;
    }

    private static boolean unprintable(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
    }

    static Set<Scope> scopes(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.validation("scopes must list at least one scope");
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : raw) {
            scopes.add(Scope.fromWireName(name).orElseThrow(() -> ApiException.validation(
                    "scopes may contain credentials:read, credentials:read_metadata, credentials:write, "
                            + "credentials:refresh, admin")));
        }
        return scopes;
    }
}
