package com.credbroker.broker.connectioncheck;

import static com.credbroker.broker.auth.Scope.CREDENTIALS_READ;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_READ_METADATA;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_REFRESH;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.auth.Guard.Authorized;
import com.credbroker.broker.credential.CredentialRoutes;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.RouteTable;
import io.javalin.http.Context;

/**
 * {@code GET /admin/credentials/{credential_id}/health} (read or read_metadata: health holds no secret)
 * and {@code POST …/test} (scope {@code credentials:refresh}: it uses the connection's credentials and may
 * refresh its token). The service audits both and counts tests by result.
 */
public final class ConnectionCheckRoutes {
    private static final String ID = "credential_id";

    private final ConnectionCheckService service;
    private final Guard guard;
    private final Json json;

    public ConnectionCheckRoutes(ConnectionCheckService service, Guard guard, Json json) {
        this.service = service;
        this.guard = guard;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.get(CredentialRoutes.BASE + "/{" + ID + "}/health", this::health)
                .post(CredentialRoutes.BASE + "/{" + ID + "}/test", this::test);
    }

    private void health(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.CREDENTIAL_HEALTH, null, CREDENTIALS_READ,
                CREDENTIALS_READ_METADATA);
        ctx.contentType("application/json").result(json.write(service.health(who.actor(), ctx.pathParam(ID))));
    }

    private void test(Context ctx) {
        Authorized who = guard.require(ctx, AuditAction.CREDENTIAL_TEST, null, CREDENTIALS_REFRESH);
        ctx.contentType("application/json").result(json.write(service.test(who.actor(), ctx.pathParam(ID))));
    }
}
