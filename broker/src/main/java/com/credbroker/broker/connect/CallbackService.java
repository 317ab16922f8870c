package com.credbroker.broker.connect;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.http.ErrorMapper;
import com.credbroker.refresh.client.AuthorizationCodeClient;
import com.credbroker.refresh.client.CodeExchangeSpec;
import com.credbroker.refresh.client.ConnectionConfigs;
import com.credbroker.refresh.client.ProviderErrors;
import com.credbroker.refresh.client.TokenResult;
import com.credbroker.refresh.client.TokenSet;
import com.credbroker.refresh.oidc.AccountIdentity;
import com.credbroker.refresh.oidc.OidcException;
import com.credbroker.refresh.provider.ConnectionDefaults;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.connect.PendingAuthorization;
import com.credbroker.storage.connect.PendingReconnect;
import com.credbroker.storage.connect.StateClaim;
import com.credbroker.storage.connect.StateHash;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import com.credbroker.storage.credential.VersionConflictException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The broker's OAuth callback. The state is consumed first, in one conditional update: a wrong or
 * reused state is refused before anything else happens, and never causes a token request. A state past
 * its deadline, or a provider's {@code error} (e.g. {@code access_denied}), moves the connection to
 * EXPIRED with a coded reason. Otherwise the code is exchanged with the stored PKCE verifier and the
 * same redirect URI, and the tokens are stored with status ACTIVE. Every ending redirects the browser to
 * the connection's {@code callback_url} with {@code connection_id} and {@code status}. The claim commits in
 * one transaction with every write decided before the exchange (an expiry), so nothing is half-written.
 * Thread-safe.
 */
public final class CallbackService {
    private static final int MAX_OUTCOME = 32;
    private static final int MAX_REASON = 1000;

    private final ConnectParts parts;
    private final AuthorizationCodeClient client;
    private final AuditService audit;
    private final OpenIdSteps openId;
    /** Reconnect in place; null when not wired (then no authorization is a reconnect). */
    private final Reconnects reconnects;

    /** Auth configs read without templates ({@link ProviderResolver#PLAIN}), no OpenID steps, no reconnects. */
    public CallbackService(ConnectParts parts, AuthorizationCodeClient client, AuditService audit) {
        this(parts, client, audit, ProviderResolver.PLAIN);
    }

    /** @param providers resolves the connection's auth config (and template) into the code exchange to send */
    public CallbackService(ConnectParts parts, AuthorizationCodeClient client, AuditService audit,
            ProviderResolver providers) {
        this(parts, client, audit, OpenIdSteps.resolving(providers), null);
    }

    /**
     * @param openId     resolves the provider (template, discovery) and runs the OpenID Connect steps
     *                   (issue 17): RFC 9207 {@code iss}, ID token, account identity
     * @param reconnects reconnect in place, or null when not wired
     */
    public CallbackService(ConnectParts parts, AuthorizationCodeClient client, AuditService audit,
            OpenIdSteps openId, Reconnects reconnects) {
        this.openId = openId;
        this.reconnects = reconnects;
        this.parts = parts;
        this.client = client;
        this.audit = audit;
    }

    /**
     * The callback of a browser at {@code client} (its remote address), audited as the broker's own action
     * with the request ID. A malformed, wrong or reused state is refused (400 {@code invalid_state}, the
     * same for each, counted per client and window); every ending of the flow is recorded one by one.
     */
    public CallbackResult callback(String client, String requestId, String state, String code, String error,
            String errorDescription) {
        return callback(client, requestId, state, code, error, errorDescription, null);
    }

    /** The same, with the provider's RFC 9207 {@code iss} parameter (null when it sent none). */
    public CallbackResult callback(String client, String requestId, String state, String code, String error,
            String errorDescription, String iss) {
        CallbackResult result;
        try {
            result = callback(state, code, error, errorDescription, iss);
        } catch (RuntimeException e) {
            String outcome = ErrorMapper.outcomeOf(e);
            if (!"error".equals(outcome)) {
                audit.recordAggregatedRefusal(client, AuditAction.CONNECTION_CALLBACK, null, outcome);
            }
            throw e;
        }
        if (result instanceof CallbackResult.Refused refused) {
            // a bogus or replayed state from the open internet: counted per client and window
            audit.recordAggregatedRefusal(client, AuditAction.CONNECTION_CALLBACK, refused.connectionId(),
                    refused.outcome());
            throw ConnectRequests.invalidState();
        }
        audit.record(AuditAction.CONNECTION_CALLBACK, Actor.anonymous(requestId), result.connectionId(),
                result.outcome());
        return result;
    }

    /**
     * @param error             the provider's {@code error} parameter, or null
     * @param errorDescription  the provider's {@code error_description}, or null (untrusted; sanitised)
     * @throws RuntimeException 400 for a malformed state or code (nothing looked up; see {@link ConnectRequests})
     */
    public CallbackResult callback(String state, String code, String error, String errorDescription) {
        return callback(state, code, error, errorDescription, null);
    }

    /** @param iss the provider's RFC 9207 {@code iss} parameter, or null */
    public CallbackResult callback(String state, String code, String error, String errorDescription, String iss) {
        String checkedState = ConnectRequests.state(state);
        String checkedCode = ConnectRequests.code(code);
        Instant now = parts.clock().instant();
        // The claim and an ending decided without the provider commit together: a failed write leaves the state
        // unclaimed, never claimed with the connection still pending. The claim commits before a code exchange,
        // so the provider is never asked while the claim could still roll back.
        Decision decision = parts.transactions().inTransaction("oauth callback",
                () -> decide(StateHash.of(checkedState), checkedCode, error, errorDescription, now));
        if (decision.expired()) {
            parts.cache().invalidate(decision.credential().connectionId()); // after the commit, never before
        }
        if (decision.ended() != null) {
            return decision.ended();
        }
        return exchange(decision.credential(), decision.authorization(), decision.config(), checkedCode, iss,
                decision.reconnect());
    }

    /**
     * What the callback decided inside its first transaction: an ending (which may have expired the
     * connection), or a code exchange for the connection with its authorization and auth config; for a
     * reconnect in place, its {@code reconnect} (else null) and the connection as its flow sees it.
     */
    private record Decision(CallbackResult ended, Credential credential, boolean expired,
            PendingAuthorization authorization, AuthConfig config, PendingReconnect reconnect) {
        static Decision end(CallbackResult ended) {
            return new Decision(ended, null, false, null, null, null);
        }
    }

    private Decision decide(String stateHash, String code, String error, String errorDescription, Instant now) {
        StateClaim claim = parts.store().consume(stateHash, now);
        if (claim instanceof StateClaim.Unknown) {
            return Decision.end(new CallbackResult.Refused(null, "state_unknown"));
        }
        if (claim instanceof StateClaim.Reused reused) {
            return Decision.end(new CallbackResult.Refused(connectionId(reused.authorization()), "state_reused"));
        }
        PendingAuthorization authorization = ((StateClaim.Claimed) claim).authorization();
        Optional<Credential> found = parts.credentials().findByCredentialId(authorization.credentialId());
        if (found.isEmpty()) {
            return Decision.end(new CallbackResult.Refused(null, "state_unknown"));
        }
        Credential credential = found.get();
        Optional<PendingReconnect> reconnect = reconnects == null ? Optional.empty() : reconnects.find(authorization);
        if (reconnect.isPresent()) {
            return reconnectDecision(credential, authorization, reconnect.get(), code, error, now);
        }
        if (credential.status() != CredentialStatus.INITIATED) {
            return Decision.end(back(credential, credential.status(), "connection_not_pending"));
        }
        if (authorization.expiredAt(now)) {
            return failed(credential, ConnectService.AUTHORIZATION_TIMEOUT, ConnectService.AUTHORIZATION_TIMEOUT, now);
        }
        if (error != null) {
            TokenResult.Failure denied = ProviderErrors.fromRedirect(error, errorDescription);
            return failed(credential, denied.reason(), denied.code(), now);
        }
        if (code == null) {
            return failed(credential, "invalid_callback: the provider sent neither code nor error", "invalid_request",
                    now);
        }
        Optional<AuthConfig> config = parts.authConfigs().find(credential.authConfigId());
        if (config.isEmpty()) {
            return failed(credential, "auth_config_missing: the connection's auth config does not exist",
                    "auth_config_missing", now);
        }
        return new Decision(null, credential, false, authorization, config.get(), null);
    }

    /** Reconnect in place ({@link Reconnects}): an ending before the exchange leaves the connection as it is. */
    private Decision reconnectDecision(Credential current, PendingAuthorization authorization,
            PendingReconnect reconnect, String code, String error, Instant now) {
        Credential view = Reconnects.flowView(current, reconnect);
        String ending = Reconnects.endingBeforeExchange(authorization, code, error, now);
        Optional<AuthConfig> config = ending != null ? Optional.empty()
                : parts.authConfigs().find(current.authConfigId());
        if (ending != null || config.isEmpty()) {
            return Decision.end(back(view, current.status(), ending != null ? ending : "auth_config_missing"));
        }
        return new Decision(null, view, false, authorization, config.get(), reconnect);
    }

    /** An ending that expires the connection, written in the caller's transaction; the cache is left to it. */
    private Decision failed(Credential credential, String reason, String errorCode, Instant now) {
        expire(credential, reason, now);
        return new Decision(back(credential, CredentialStatus.EXPIRED, errorCode), credential, true, null, null, null);
    }

    private CallbackResult exchange(Credential credential, PendingAuthorization authorization, AuthConfig config,
            String code, String iss, PendingReconnect reconnect) {
        TokenResult result;
        ResolvedProvider provider;
        try { // OpenID Connect (issue 17): RFC 9207 iss before the code is sent anywhere
            provider = openId.provider(config, ConnectionConfigs.of(credential.secrets()));
            openId.checkCallbackIssuer(provider, iss);
            result = client.exchange(new CodeExchangeSpec(provider, code, URI.create(authorization.redirectUri()),
                    credential.secrets().codeVerifier()));
        } catch (OidcException refused) {
            return failFlow(credential, reconnect, refused.reason(), refused.code());
        }
        if (result instanceof TokenResult.Failure failure) {
            return failFlow(credential, reconnect, "code_exchange_failed: " + failure.reason(), failure.code());
        }
        TokenSet tokens = ((TokenResult.Success) result).tokens();
        AccountIdentity account; // OpenID Connect (issue 17): the ID token holds before anything is ACTIVE
        try {
            account = openId.account(provider, authorization.nonceHash(), tokens);
        } catch (OidcException refused) {
            return failFlow(credential, reconnect, refused.reason(), refused.code());
        }
        if (reconnect != null) {
            return reconnects.complete(credential, reconnect, tokens,
                    new UpstreamAccount(account.accountId(), account.accountEmail()));
        }
        return activate(credential, tokens, account, provider);
    }

    /**
     * Stores the tokens on the record as it is now, if it is still INITIATED ({@link
     * com.credbroker.storage.credential.CredentialRepository#update}: a concurrent write is retried).
     */
    private CallbackResult activate(Credential credential, TokenSet tokens, AccountIdentity account,
            ResolvedProvider provider) {
        boolean insecure = parts.refreshConfig().allowInsecureTokenUrls();
        AtomicReference<Credential> seen = new AtomicReference<>(credential);
        Optional<Credential> stored;
        try {
            stored = parts.credentials().update(credential.credentialId(), current -> {
                seen.set(current);
                if (current.status() != CredentialStatus.INITIATED) {
                    return current;
                }
                Instant now = parts.clock().instant();
                return current.toBuilder().status(CredentialStatus.ACTIVE).statusReason(null)
                        .expiresAt(now.plus(parts.refreshConfig().tokenLifetime(tokens.expiresInSeconds())))
                        .updatedAt(now)
                        .secrets(ConnectionDefaults.apply(OpenIdSteps.withAccount(tokens.mergedInto(current.secrets()),
                                account), provider, insecure)).build();
            });
        } catch (VersionConflictException e) {
            return back(seen.get(), seen.get().status(), "conflict");
        }
        if (stored.isEmpty()) {
            return new CallbackResult.Refused(credential.connectionId(), "connection_deleted");
        }
        if (stored.get() == seen.get()) {
            return back(stored.get(), stored.get().status(), "connection_not_pending");
        }
        parts.cache().invalidate(stored.get().connectionId());
        return back(stored.get(), CredentialStatus.ACTIVE, null);
    }

    /** A failed flow: a reconnect changes nothing (the old grant is still served); a new connection expires. */
    private CallbackResult failFlow(Credential credential, PendingReconnect reconnect, String reason,
            String errorCode) {
        if (reconnect != null) {
            return back(credential, credential.status(), errorCode);
        }
        return fail(credential, reason, errorCode, parts.clock().instant());
    }

    /** The flow failed: EXPIRED with the coded reason (if still INITIATED), browser sent back with the code. */
    private CallbackResult fail(Credential credential, String reason, String errorCode, Instant now) {
        expire(credential, reason, now);
        parts.cache().invalidate(credential.connectionId());
        return back(credential, CredentialStatus.EXPIRED, errorCode);
    }

    private void expire(Credential credential, String reason, Instant now) {
        String bounded = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
        parts.store().expireInitiated(credential.credentialId(), bounded, now);
    }

    static CallbackResult back(Credential credential, CredentialStatus status, String error) {
        String outcome = error == null ? "connected" : error;
        outcome = outcome.length() <= MAX_OUTCOME ? outcome : outcome.substring(0, MAX_OUTCOME);
        String callbackUrl = credential.secrets().callbackUrl();
        if (callbackUrl == null) {
            return new CallbackResult.Ended(credential.connectionId(), status.name(), error, outcome);
        }
        try {
            return new CallbackResult.Redirect(CallbackRedirects.to(callbackUrl, credential.connectionId(),
                    status.name(), error), credential.connectionId(), outcome);
        } catch (IllegalArgumentException unusable) {
            return new CallbackResult.Ended(credential.connectionId(), status.name(), error, outcome);
        }
    }

    private String connectionId(PendingAuthorization authorization) {
        return parts.credentials().findByCredentialId(authorization.credentialId())
                .map(Credential::connectionId).orElse(null);
    }
}
