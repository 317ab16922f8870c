package com.credbroker.broker.connect;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.credential.CredentialRevoker;
import com.credbroker.refresh.client.TokenSet;
import com.credbroker.storage.connect.PendingReconnect;
import com.credbroker.storage.connect.ReconnectStore;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.SchemeFields;
import com.credbroker.storage.credential.VersionConflictException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a reconnect in place, once the provider has answered the code exchange with new tokens. In ONE
 * transaction: the optimistic update ({@link com.credbroker.storage.credential.CredentialRepository#update})
 * of the record as it is at that moment (a refresh that committed meanwhile is read and replaced, not lost)
 * to ACTIVE, no status reason, the new tokens and expiry, version + 1; and the fencing of any refresh of the
 * old grant still in flight ({@link ReconnectStore#fenceRefresh}), so its late answer cannot overwrite the
 * new tokens. After the commit: the lookup cache is dropped (other nodes hear the version change), the
 * reconnect is audited ({@code connection.reconnect}), and the old grant is revoked where the auth config
 * has a revocation endpoint (RFC 7009; outcome logged and audited as {@code credential.revoke}; a failure
 * never undoes the reconnect). A grant of another upstream account is refused ({@code account_mismatch},
 * nothing written) unless the reconnect allowed it. Thread-safe.
 */
final class ReconnectCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectCompletion.class);
    static final String ACCOUNT_MISMATCH = "account_mismatch";
    static final String CONNECTION_CHANGED = "connection_changed";

    private final ConnectParts parts;
    private final ReconnectStore store;
    private final CredentialRevoker revoker;
    private final AuditService audit;

    ReconnectCompletion(ConnectParts parts, ReconnectStore store, CredentialRevoker revoker, AuditService audit) {
        this.parts = parts;
        this.store = store;
        this.revoker = revoker;
        this.audit = audit;
    }

    /** What the transaction saw last and, when it wrote nothing, why. */
    private static final class Seen {
        final AtomicReference<Credential> current = new AtomicReference<>();
        final AtomicReference<String> refusal = new AtomicReference<>();
    }

    /**
     * @param view      the connection as the flow saw it ({@link Reconnects#flowView}), for the browser's way back
     * @param upstream  the account of the new grant, as far as the callback knows it
     */
    CallbackResult complete(Credential view, PendingReconnect reconnect, TokenSet tokens, UpstreamAccount upstream) {
        Instant now = parts.clock().instant();
        Seen seen = new Seen();
        Optional<Credential> stored;
        try {
            stored = parts.transactions().inTransaction("reconnect", () -> replace(reconnect, tokens, upstream, now,
                    seen));
        } catch (VersionConflictException e) {
            return refused(view, view.status(), "conflict");
        }
        if (stored.isEmpty()) {
            return new CallbackResult.Refused(view.connectionId(), "connection_deleted");
        }
        if (seen.refusal.get() != null) {
            return refused(view, stored.get().status(), seen.refusal.get());
        }
        parts.cache().invalidate(stored.get().connectionId()); // after the commit, never before
        revokeOldGrant(seen.current.get(), stored.get()); // first: an audit outage must not keep the old grant alive
        audit.record(AuditAction.CONNECTION_RECONNECT, Actor.broker(), stored.get().connectionId(), "reconnected");
        return CallbackService.back(stored.get(), CredentialStatus.ACTIVE, null);
    }

    private Optional<Credential> replace(PendingReconnect reconnect, TokenSet tokens, UpstreamAccount upstream,
            Instant now, Seen seen) {
        Optional<Credential> stored = parts.credentials().update(reconnect.credentialId(), current -> {
            seen.current.set(current);
            seen.refusal.set(refusal(current, reconnect, upstream));
            return seen.refusal.get() != null ? current : reconnected(current, reconnect, tokens, upstream, now);
        });
        if (stored.isPresent() && seen.refusal.get() == null) {
            store.fenceRefresh(reconnect.credentialId());
        }
        return stored;
    }

    /** Why the record as it is now must not take the new grant; null when it may. */
    private static String refusal(Credential current, PendingReconnect reconnect, UpstreamAccount upstream) {
        if (current.authScheme() != AuthScheme.OAUTH2 || current.status() == CredentialStatus.INITIATED) {
            return CONNECTION_CHANGED; // changed around the flow since it started
        }
        return UpstreamAccount.refuses(current.secrets().accountId(), upstream.accountId(),
                reconnect.allowAccountChange()) ? ACCOUNT_MISMATCH : null;
    }

    /**
     * The record with the new grant: the old tokens are all gone (a response without a refresh token leaves
     * none: the old grant is replaced), the account is the upstream one when known; the connection's own
     * settings (base URL, headers, query parameters, extra data) stay.
     */
    private Credential reconnected(Credential current, PendingReconnect reconnect, TokenSet tokens,
            UpstreamAccount upstream, Instant now) {
        CredentialSecrets old = current.secrets();
        boolean known = upstream.accountId() != null;
        boolean changed = known && !upstream.accountId().equals(old.accountId());
        String email = upstream.accountEmail() != null ? upstream.accountEmail() : changed ? null : old.accountEmail();
        CredentialSecrets base = new CredentialSecrets(Map.of(), null, reconnect.codeVerifier(), email,
                known ? upstream.accountId() : old.accountId(), old.composioManaged(), old.baseUrl(),
                old.testRequestEndpoint(), reconnect.callbackUrl(), old.extraHeaders(), old.queryParams(),
                old.extraData());
        return current.toBuilder().status(CredentialStatus.ACTIVE).statusReason(null)
                .expiresAt(now.plus(parts.refreshConfig().tokenLifetime(tokens.expiresInSeconds())))
                .updatedAt(now).secrets(tokens.mergedInto(base)).build();
    }

    private CallbackResult refused(Credential view, CredentialStatus status, String outcome) {
        audit.recordRefusal(AuditAction.CONNECTION_RECONNECT, Actor.broker(), view.connectionId(), null, outcome);
        return CallbackService.back(view, status, outcome);
    }

    /**
     * Revokes the grant the reconnect replaced (its refresh token, else its access token), unless the provider
     * handed the same token back. Best effort, after the commit: the outcome is logged and audited.
     */
    private void revokeOldGrant(Credential old, Credential now) {
        String oldToken = token(old);
        if (oldToken == null || oldToken.equals(SchemeFields.text(now.secrets(), "refresh_token"))
                || oldToken.equals(SchemeFields.text(now.secrets(), SchemeFields.ACCESS_TOKEN))) {
            return;
        }
        try {
            Optional<String> outcome = revoker.revoke(old);
            if (outcome.isPresent()) {
                LOG.info("reconnect of {}: revocation of the replaced grant ended {}", old.connectionId(),
                        outcome.get());
                audit.recordRefusal(AuditAction.CREDENTIAL_REVOKE, Actor.broker(), old.connectionId(), null,
                        outcome.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("reconnect of {}: revocation of the replaced grant failed ({}); the reconnect stands",
                    old.connectionId(), e.getClass().getSimpleName());
        }
    }

    private static String token(Credential credential) {
        String refresh = SchemeFields.text(credential.secrets(), "refresh_token");
        return refresh != null ? refresh : SchemeFields.text(credential.secrets(), SchemeFields.ACCESS_TOKEN);
    }
}
