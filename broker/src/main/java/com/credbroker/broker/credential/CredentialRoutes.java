package com.credbroker.broker.credential;

import static com.credbroker.broker.auth.Scope.ADMIN;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_READ;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_READ_METADATA;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_REFRESH;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_WRITE;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.auth.Guard.Authorized;
import com.credbroker.broker.http.Bodies;
import com.credbroker.broker.http.ErrorMapper;
import com.credbroker.broker.http.Ids;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.ListResponse;
import com.credbroker.broker.http.Queries;
import com.credbroker.broker.http.RouteTable;
import com.credbroker.refresh.engine.RefreshResult;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialRepository.UpsertResult;
import com.credbroker.storage.credential.CredentialSummary;
import com.credbroker.storage.credential.Page;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The credential endpoints: the by-connection lookup and the admin surface around it. */
public final class CredentialRoutes {
    public static final String BASE = "/v1/personal-connectors/admin/credentials";
    private static final String JSON = "application/json";

    private final CredentialService service;
    private final Guard guard;
    private final Bodies bodies;
    private final Json json;

    public CredentialRoutes(CredentialService service, Guard guard, Bodies bodies, Json json) {
        this.service = service;
        this.guard = guard;
        this.bodies = bodies;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.get(BASE + "/by-connection/{connection_id}", this::lookup)
                .post(BASE + "/by-connection/{connection_id}/refresh", this::refresh)
                .post(BASE, this::create)
                .get(BASE, this::list)
                .get(BASE + "/{credential_id}", this::get)
                .patch(BASE + "/{credential_id}", this::patch)
                .delete(BASE + "/{credential_id}", this::delete)
                .post(BASE + "/{credential_id}/disable", ctx -> setDisabled(ctx, true))
                .post(BASE + "/{credential_id}/enable", ctx -> setDisabled(ctx, false));
    }

    private void lookup(Context ctx) {
        String connectionId = Ids.connectionId(ctx.pathParam("connection_id"));
        Authorized who;
        try {
            who = guard.require(ctx, AuditAction.CREDENTIAL_READ, connectionId, CREDENTIALS_READ,
                    CREDENTIALS_READ_METADATA);
        } catch (RuntimeException refused) {
            service.lookupRefused(refused);
            throw refused;
        }
        CompletableFuture<byte[]> body = service.lookup(who.actor(), connectionId, !who.has(CREDENTIALS_READ));
        ctx.contentType(JSON);
        ctx.future(() -> body.thenAccept(ctx::result));
    }

    /**
     * Forced refresh: one provider call now (or the result of the one already under way). 200 only when new
     * tokens were stored; every other outcome is refused (see {@link ForcedRefreshes}), the header says which.
     */
    private void refresh(Context ctx) {
        String connectionId = Ids.connectionId(ctx.pathParam("connection_id"));
        Authorized who = guard.require(ctx, AuditAction.REFRESH_FORCED, connectionId, CREDENTIALS_REFRESH);
        RefreshResult result = service.forceRefresh(who.actor(), connectionId);
        ctx.header(ErrorMapper.REFRESH_OUTCOME, result.outcome().label());
        respond(ctx, 200, result.credential(), who);
    }

    private void get(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.CREDENTIAL_READ, null, CREDENTIALS_READ,
                CREDENTIALS_READ_METADATA);
        respond(ctx, 200, service.read(who.actor(), ctx.pathParam("credential_id"), !who.has(CREDENTIALS_READ)), who);
    }

    private void create(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.CREDENTIAL_WRITE, null, CREDENTIALS_WRITE);
        UpsertResult result = service.upsert(who.actor(), bodies.read(ctx, CredentialRequest.class), mayRetarget(who));
        respond(ctx, result.created() ? 201 : 200, result.credential(), who);
    }

    private void patch(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.CREDENTIAL_WRITE, null, CREDENTIALS_WRITE);
        JsonNode body = bodies.jsonObject(ctx);
        Set<String> present = new HashSet<>();
        body.fieldNames().forEachRemaining(present::add);
        respond(ctx, 200, service.patch(who.actor(), ctx.pathParam("credential_id"),
                json.read(body, CredentialRequest.class), present, mayRetarget(who)), who);
    }

    private void delete(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.CREDENTIAL_DELETE, null, CREDENTIALS_WRITE);
        service.delete(who.actor(), ctx.pathParam("credential_id"));
        ctx.status(204);
    }

    private void setDisabled(Context ctx, boolean disabled) {
        Authorized who = guard.require(ctx, disabled ? AuditAction.CREDENTIAL_DISABLE : AuditAction.CREDENTIAL_ENABLE,
                null, CREDENTIALS_WRITE);
        respond(ctx, 200, service.setDisabled(who.actor(), ctx.pathParam("credential_id"), disabled), who);
    }

    private void list(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.CREDENTIAL_LIST, null, CREDENTIALS_READ,
                CREDENTIALS_READ_METADATA);
        Page<CredentialSummary> page = service.list(who.actor(), Queries.credentialFilter(ctx), Queries.limit(ctx),
                Queries.cursor(ctx));
        ctx.contentType(JSON).result(json.write(new ListResponse<>(
                page.items().stream().map(service.views()::summary).toList(), page.nextCursor())));
    }

    /** A key that may read the secrets anyway may also change where they are sent (see {@link Retargeting}). */
    private static boolean mayRetarget(Authorized who) {
        return who.has(CREDENTIALS_READ) || who.has(ADMIN);
    }

    private void respond(Context ctx, int status, Credential credential, Authorized who) {
        byte[] body = service.views().render(credential, !who.has(CREDENTIALS_READ), service.now());
        ctx.status(status).contentType(JSON).result(body);
    }
}
