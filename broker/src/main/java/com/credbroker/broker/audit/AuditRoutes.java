package com.credbroker.broker.audit;

import static com.credbroker.broker.auth.Scope.ADMIN;

import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.http.Ids;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.ListResponse;
import com.credbroker.broker.http.Queries;
import com.credbroker.broker.http.RouteTable;
import com.credbroker.storage.audit.AuditRecord;
import com.credbroker.storage.credential.Page;
import io.javalin.http.Context;

/**
 * {@code GET /admin/audit}: the trail, newest first, filterable by connection; {@code GET /admin/audit/verify}:
 * the whole chain checked against its checkpoint while the broker serves (what {@code audit verify --url}
 * calls). Admin scope only.
 */
public final class AuditRoutes {
    public static final String BASE = "/v1/personal-connectors/admin/audit";
    private static final java.util.Set<String> AUDIT_LIST = java.util.Set.of("connection_id", "limit", "cursor");

    private final AuditService audit;
    private final Guard guard;
    private final Json json;

    public AuditRoutes(AuditService audit, Guard guard, Json json) {
        this.audit = audit;
        this.guard = guard;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.get(BASE, this::list);
        routes.get(BASE + "/verify", this::verify);
    }

    private void list(Context ctx) {
        String connectionId = ctx.queryParam("connection_id");
        if (connectionId != null) {
            Ids.connectionId(connectionId);
        }
        guard.require(ctx, AuditAction.AUDIT_READ, connectionId, ADMIN);
        Queries.allowOnly(ctx, AUDIT_LIST);
        Page<AuditRecord> page = audit.list(connectionId, Queries.limit(ctx), Queries.cursor(ctx));
        ctx.contentType("application/json").result(json.write(new ListResponse<>(
                page.items().stream().map(AuditRecordResponse::of).toList(), page.nextCursor())));
    }

    private void verify(Context ctx) {
        guard.require(ctx, AuditAction.AUDIT_VERIFY, null, ADMIN);
        ctx.contentType("application/json").result(json.write(AuditVerificationResponse.of(audit::verify)));
    }
}
