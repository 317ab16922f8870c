package com.credbroker.broker.provider;

import static com.credbroker.broker.auth.Scope.ADMIN;

import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.auth.Guard;
import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.http.Json;
import com.credbroker.broker.http.ListResponse;
import com.credbroker.broker.http.Queries;
import com.credbroker.broker.http.RouteTable;
import com.credbroker.refresh.provider.ProviderCatalogue;
import io.javalin.http.Context;

/**
 * {@code /admin/providers}: the provider templates the broker knows (shipped and the operator's), listed and
 * shown whole. Templates hold no secret; reading them needs the scope the auth-config reads need (admin), since
 * only an auth config's author uses them. Reads are not audited (the catalogue is fixed at start); refusals are.
 */
public final class ProviderRoutes {
    public static final String BASE = "/v1/personal-connectors/admin/providers";
    private static final String NAME = "provider_name";
    private static final String JSON = "application/json";

    private final ProviderCatalogue catalogue;
    private final Guard guard;
    private final Json json;

    public ProviderRoutes(ProviderCatalogue catalogue, Guard guard, Json json) {
        this.catalogue = catalogue;
        this.guard = guard;
        this.json = json;
    }

    public void register(RouteTable routes) {
        routes.get(BASE, this::list).get(BASE + "/{" + NAME + "}", this::get);
    }

    private void list(Context ctx) {
        guard.require(ctx, AuditAction.PROVIDER_LIST, null, ADMIN);
        Queries.allowOnly(ctx, java.util.Set.of());
        ctx.contentType(JSON).result(json.write(new ListResponse<>(
                catalogue.all().stream().map(ProviderSummaryResponse::of).toList(), null)));
    }

    private void get(Context ctx) {
        guard.require(ctx, AuditAction.PROVIDER_READ, null, ADMIN);
        var template = catalogue.json(ctx.pathParam(NAME)).orElseThrow(() -> new NotFoundException("provider"));
        ctx.contentType(JSON).result(json.write(template));
    }
}
