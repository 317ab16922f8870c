package com.credbroker.broker.credential;

import static com.credbroker.broker.auth.Scope.ADMIN;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_READ;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_READ_METADATA;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_REFRESH;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_WRITE;

import com.credbroker.broker.auth.Caller;
import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.http.Bodies;
import com.credbroker.broker.http.Ids;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.ListResponse;
import com.credbroker.broker.http.Queries;
import com.credbroker.broker.http.RouteTable;
import com.credbroker.broker.metrics.BrokerMetrics;
import com.credbroker.refresh.engine.RefreshResult;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialRepository.UpsertResult;
import com.credbroker.storage.credential.CredentialSummary;
import com.credbroker.storage.credential.Page;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/** The credential endpoints: the by-connection lookup and the admin surface around it. */
public final class CredentialRoutes {
    public static final String BASE = "/v1/personal-connectors/admin/credentials";
    private static final String JSON = "application/json";

    private final CredentialService service;
    private final Guard guard;
    private final Bodies bodies;
    private final Json json;
    private final BrokerMetrics metrics;

    public CredentialRoutes(CredentialService service, Guard guard, Bodies bodies, Json json, BrokerMetrics metrics) {
        this.service = service;
        this.guard = guard;
        this.bodies = bodies;
        this.json = json;
        this.metrics = metrics;
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
        Caller caller = counted(() -> guard.require(ctx, "credential.read", connectionId, CREDENTIALS_READ,
                CREDENTIALS_READ_METADATA));
        ReadyResponse ready = counted(() -> audited(ctx, caller, "credential.read", connectionId,
                () -> service.lookup(connectionId)));
        boolean redacted = !caller.has(CREDENTIALS_READ);
        String outcome = redacted ? "success_redacted" : "success";
        byte[] body = ready.render(redacted, service.now());
        ctx.contentType(JSON);
        ctx.future(() -> guard.auditAsync(ctx, caller, "credential.read", connectionId, outcome)
                .thenAccept(written -> {
                    metrics.lookup(outcome);
                    ctx.result(body);
                }));
    }

    /** Forced refresh: one provider call now (or the result of the one already under way). */
    private void refresh(Context ctx) {
        String connectionId = Ids.connectionId(ctx.pathParam("connection_id"));
        Caller caller = guard.require(ctx, "credential.refresh", connectionId, CREDENTIALS_REFRESH);
        RefreshResult result = audited(ctx, caller, "credential.refresh", connectionId,
                () -> service.forceRefresh(connectionId));
        guard.audit(ctx, caller, "credential.refresh", connectionId, result.outcome().label());
        ctx.header("X-Refresh-Outcome", result.outcome().label());
        respond(ctx, 200, result.credential(), caller);
    }

    /** Counts a refused lookup by its error code before rethrowing it. */
    private <T> T counted(Supplier<T> step) {
        try {
            return step.get();
        } catch (ApiException e) {
            metrics.lookup(e.code());
            throw e;
        }
    }

    private void get(Context ctx) {
        Caller caller = guard.require(ctx, "credential.read", null, CREDENTIALS_READ, CREDENTIALS_READ_METADATA);
        Credential credential = audited(ctx, caller, "credential.read", null,
                () -> service.get(ctx.pathParam("credential_id")));
        boolean redacted = !caller.has(CREDENTIALS_READ);
        guard.audit(ctx, caller, "credential.read", credential.connectionId(), redacted ? "success_redacted" : "success");
        respond(ctx, 200, credential, caller);
    }

    private void create(Context ctx) {
        Caller caller = guard.require(ctx, "credential.write", null, CREDENTIALS_WRITE);
        CredentialRequest request = bodies.read(ctx, CredentialRequest.class);
        UpsertResult result = audited(ctx, caller, "credential.write", Ids.connectionIdOrNull(request.connectionId()),
                () -> service.upsert(request, mayRetarget(caller)));
        Credential stored = result.credential();
        guard.audit(ctx, caller, result.created() ? "credential.create" : "credential.update",
                stored.connectionId(), "success");
        respond(ctx, result.created() ? 201 : 200, stored, caller);
    }

    private void patch(Context ctx) {
        Caller caller = guard.require(ctx, "credential.write", null, CREDENTIALS_WRITE);
        JsonNode body = bodies.jsonObject(ctx);
        CredentialRequest request = json.read(body, CredentialRequest.class);
        Set<String> present = new HashSet<>();
        body.fieldNames().forEachRemaining(present::add);
        Credential stored = audited(ctx, caller, "credential.update", null,
                () -> service.patch(ctx.pathParam("credential_id"), request, present, mayRetarget(caller)));
        guard.audit(ctx, caller, "credential.update", stored.connectionId(), "success");
        respond(ctx, 200, stored, caller);
    }

    private void delete(Context ctx) {
        Caller caller = guard.require(ctx, "credential.delete", null, CREDENTIALS_WRITE);
        CredentialService.Deletion deletion = audited(ctx, caller, "credential.delete", null,
                () -> service.delete(ctx.pathParam("credential_id")));
        deletion.revocation().ifPresent(outcome -> guard.audit(ctx, caller, "credential.revoke",
                deletion.connectionId(), outcome));
        guard.audit(ctx, caller, "credential.delete", deletion.connectionId(), "success");
        ctx.status(204);
    }

    private void setDisabled(Context ctx, boolean disabled) {
        String action = disabled ? "credential.disable" : "credential.enable";
        Caller caller = guard.require(ctx, action, null, CREDENTIALS_WRITE);
        Credential stored = audited(ctx, caller, action, null,
                () -> service.setDisabled(ctx.pathParam("credential_id"), disabled));
        guard.audit(ctx, caller, action, stored.connectionId(), "success");
        respond(ctx, 200, stored, caller);
    }

    private void list(Context ctx) {
        Caller caller = guard.require(ctx, "credential.list", null, CREDENTIALS_READ, CREDENTIALS_READ_METADATA);
        Page<CredentialSummary> page = service.list(Queries.credentialFilter(ctx), Queries.limit(ctx),
                Queries.cursor(ctx));
        guard.audit(ctx, caller, "credential.list", null, "success");
        ctx.contentType(JSON).result(json.write(new ListResponse<>(
                page.items().stream().map(service.views()::summary).toList(), page.nextCursor())));
    }

    /** A key that may read the secrets anyway may also change where they are sent (see {@link Retargeting}). */
    private static boolean mayRetarget(Caller caller) {
        return caller.has(CREDENTIALS_READ) || caller.has(ADMIN);
    }

    private void respond(Context ctx, int status, Credential credential, Caller caller) {
        byte[] body = service.views().render(credential, !caller.has(CREDENTIALS_READ), service.now());
        ctx.status(status).contentType(JSON).result(body);
    }

    private <T> T audited(Context ctx, Caller caller, String action, String connectionId, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            guard.auditFailure(ctx, caller, action, connectionId, e);
            throw e;
        }
    }
}
