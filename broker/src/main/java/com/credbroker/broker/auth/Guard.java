package com.credbroker.broker.auth;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.domain.ScopeDeniedException;
import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.http.RequestIds;
import io.javalin.http.Context;

/**
 * Authorizes a request; handlers call it before doing anything else. It only decides who may act: a
 * refusal is handed to the audit trail as it happens (a denied key one by one, unauthenticated requests
 * counted per client and window), and everything after authorization is audited by the service that does it.
 */
public final class Guard {
    private final Authenticator authenticator;
    private final AuditService audit;

    public Guard(Authenticator authenticator, AuditService audit) {
        this.authenticator = authenticator;
        this.audit = audit;
    }

    /** The authorized caller, if it holds one of {@code anyOf}; otherwise the refusal is recorded and thrown. */
    public Authorized require(Context ctx, AuditAction action, String connectionId, Scope... anyOf) {
        try {
            Caller caller = authenticator.require(ctx, anyOf);
            return new Authorized(caller, new Actor(caller.keyId(), RequestIds.of(ctx)));
        } catch (ScopeDeniedException e) {
            audit.recordRefusal(action, new Actor(e.caller().keyId(), RequestIds.of(ctx)), connectionId, null,
                    "denied");
            throw e;
        } catch (ApiException e) {
            // counted per client and window, not written one by one: a flood of bad keys cannot fill the disk
            audit.recordAggregatedRefusal(ctx.ip(), action, connectionId,
                    e.status() == 429 ? "too_many_requests" : "unauthenticated");
            throw e;
        }
    }

    /** An authorized caller and the actor the audit trail records for this request. */
    public record Authorized(Caller caller, Actor actor) {

        public boolean has(Scope scope) {
            return caller.has(scope);
        }
    }
}
