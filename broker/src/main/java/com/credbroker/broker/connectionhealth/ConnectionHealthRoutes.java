package com.credbroker.broker.connectionhealth;

import static com.credbroker.broker.auth.Scope.CREDENTIALS_READ;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_READ_METADATA;
import static com.credbroker.broker.auth.Scope.CREDENTIALS_REFRESH;

import com.credbroker.broker.auth.Caller;
import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.credential.CredentialRoutes;
import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.RouteTable;
import com.credbroker.broker.metrics.BrokerMetrics;
import io.javalin.http.Context;

/**
 * {@code GET /admin/credentials/{credential_id}/health} (read or read_metadata: health holds no secret)
 * and {@code POST …/test} (scope {@code credentials:refresh}: it uses the connection's credentials and may
 * refresh its token). Both audited; tests counted by result.
 */
public final class ConnectionHealthRoutes {
    private static final String ID = "credential_id";

    private final ConnectionHealthService service;
    private final Guard guard;
    private final Json json;
    private final BrokerMetrics metrics;

    public ConnectionHealthRoutes(ConnectionHealthService service, Guard guard, Json json, BrokerMetrics metrics) {
        this.service = service;
        this.guard = guard;
        this.json = json;
        this.metrics = metrics;
    }

    public void register(RouteTable routes) {
        routes.get(CredentialRoutes.BASE + "/{" + ID + "}/health", this::health)
                .post(CredentialRoutes.BASE + "/{" + ID + "}/test", this::test);
    }

    private void health(Context ctx) {
        Caller caller = guard.require(ctx, "credential.health", null, CREDENTIALS_READ, CREDENTIALS_READ_METADATA);
        HealthResponse health;
        try {
            health = service.health(ctx.pathParam(ID));
        } catch (RuntimeException e) {
            guard.auditFailure(ctx, caller, "credential.health", null, e);
            throw e;
        }
        guard.audit(ctx, caller, "credential.health", health.connectionId(), health.status());
        ctx.contentType("application/json").result(json.write(health));
    }

    private void test(Context ctx) {
        Caller caller = guard.require(ctx, "credential.test", null, CREDENTIALS_REFRESH);
        HealthResponse tested;
        try {
            tested = service.test(ctx.pathParam(ID));
        } catch (RuntimeException e) {
            guard.auditFailure(ctx, caller, "credential.test", null, e);
            metrics.connectionTest(e instanceof ApiException ? "refused" : "error");
            throw e;
        }
        metrics.connectionTest(tested.status());
        guard.audit(ctx, caller, "credential.test", tested.connectionId(), tested.status());
        ctx.contentType("application/json").result(json.write(tested));
    }
}
