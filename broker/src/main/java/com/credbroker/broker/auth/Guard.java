package com.credbroker.broker.auth;

import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.http.RequestIds;
import io.javalin.http.Context;

/** Authorizes a request and audits a refusal; handlers call it before doing anything else. */
public final class Guard {
    private final Authenticator authenticator;
    private final AuditService audit;

    public Guard(Authenticator authenticator, AuditService audit) {
        this.authenticator = authenticator;
        this.audit = audit;
    }

    /** The caller, if it holds one of {@code anyOf}; otherwise the refusal is audited and thrown. */
    public Caller require(Context ctx, String action, String connectionId, Scope... anyOf) {
        try {
            return authenticator.require(ctx, anyOf);
        } catch (Authenticator.ScopeDeniedException e) {
            audit.recordRefusal(e.caller().keyId(), action, connectionId, "denied", RequestIds.of(ctx));
            throw e;
        } catch (ApiException e) {
            // counted per client and window, not written one by one: a flood of bad keys cannot fill the disk
            audit.recordAggregatedRefusal(ctx.ip(), action, connectionId,
                    e.status() == 429 ? "too_many_requests" : "unauthenticated");
            throw e;
        }
    }

    /** Audits a successful (or failed) operation and waits until the record is durable. */
    public void audit(Context ctx, Caller caller, String action, String connectionId, String outcome) {
        audit.record(caller.keyId(), action, connectionId, outcome, RequestIds.of(ctx));
    }

    /** Like {@link #audit} but without blocking the request thread; see {@link AuditService#recordAsync}. */
    public java.util.concurrent.CompletableFuture<Void> auditAsync(Context ctx, Caller caller, String action,
            String connectionId, String outcome) {
        return audit.recordAsync(caller.keyId(), action, connectionId, outcome, RequestIds.of(ctx));
    }

    public void auditFailure(Context ctx, Caller caller, String action, String connectionId, RuntimeException e) {
        String outcome = e instanceof ApiException api ? api.code() : "error";
        audit.recordRefusal(caller.keyId(), action, connectionId, outcome, RequestIds.of(ctx));
    }
}
