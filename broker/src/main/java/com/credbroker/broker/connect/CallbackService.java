package com.credbroker.broker.connect;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.http.ErrorMapper;
import com.credbroker.refresh.client.AuthorizationCodeClient;
import com.credbroker.refresh.client.CodeExchangeSpec;
import com.credbroker.refresh.client.ProviderErrors;
import com.credbroker.refresh.client.TokenResult;
import com.credbroker.refresh.client.TokenSet;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.connect.PendingAuthorization;
import com.credbroker.storage.connect.StateClaim;
import com.credbroker.storage.connect.StateHash;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialStatus;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * The broker's OAuth callback. The state is consumed first, in one conditional update: a wrong or
 * reused state is refused before anything else happens, and never causes a token request. A state past
 * its deadline, or a provider's {@code error} (e.g. {@code access_denied}), moves the connection to
 * EXPIRED with a coded reason. Otherwise the code is exchanged with the stored PKCE verifier and the
 * same redirect URI, and the tokens are stored with status ACTIVE. Every ending redirects the browser to
 * the connection's {@code callback_url} with {@code connection_id} and {@code status}. Thread-safe.
 */
public final class CallbackService {
    private static final int MAX_OUTCOME = 32;
    private static final int MAX_REASON = 1000;
    private static final int UPDATE_ATTEMPTS = 3;

    private final ConnectParts parts;
    private final AuthorizationCodeClient client;
    private final AuditService audit;

    public CallbackService(ConnectParts parts, AuthorizationCodeClient client, AuditService audit) {
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
        CallbackResult result;
        try {
            result = callback(state, code, error, errorDescription);
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
        String checkedState = ConnectRequests.state(state);
        String checkedCode = ConnectRequests.code(code);
        Instant now = parts.clock().instant();
        StateClaim claim = parts.store().consume(StateHash.of(checkedState), now);
        if (claim instanceof StateClaim.Unknown) {
            return new CallbackResult.Refused(null, "state_unknown");
        }
        if (claim instanceof StateClaim.Reused reused) {
            return new CallbackResult.Refused(connectionId(reused.authorization()), "state_reused");
        }
        PendingAuthorization authorization = ((StateClaim.Claimed) claim).authorization();
        Optional<Credential> found = parts.credentials().findByCredentialId(authorization.credentialId());
        if (found.isEmpty()) {
            return new CallbackResult.Refused(null, "state_unknown");
        }
        Credential credential = found.get();
        if (credential.status() != CredentialStatus.INITIATED) {
            return back(credential, credential.status(), "connection_not_pending");
        }
        if (authorization.expiredAt(now)) {
            return fail(credential, ConnectService.AUTHORIZATION_TIMEOUT, ConnectService.AUTHORIZATION_TIMEOUT, now);
        }
        if (error != null) {
            TokenResult.Failure denied = ProviderErrors.fromRedirect(error, errorDescription);
            return fail(credential, denied.reason(), denied.code(), now);
        }
        if (checkedCode == null) {
            return fail(credential, "invalid_callback: the provider sent neither code nor error", "invalid_request",
                    now);
        }
        return exchange(credential, authorization, checkedCode, now);
    }

    private CallbackResult exchange(Credential credential, PendingAuthorization authorization, String code,
            Instant now) {
        Optional<AuthConfig> config = parts.authConfigs().find(credential.authConfigId());
        if (config.isEmpty()) {
            return fail(credential, "auth_config_missing: the connection's auth config does not exist",
                    "auth_config_missing", now);
        }
        TokenResult result = client.exchange(new CodeExchangeSpec(config.get(), code,
                URI.create(authorization.redirectUri()), credential.secrets().codeVerifier()));
        if (result instanceof TokenResult.Failure failure) {
            return fail(credential, "code_exchange_failed: " + failure.reason(), failure.code(),
                    parts.clock().instant());
        }
        return activate(credential, ((TokenResult.Success) result).tokens());
    }

    /** Stores the tokens on the record as it is now, if it is still INITIATED (a concurrent write is retried). */
    private CallbackResult activate(Credential credential, TokenSet tokens) {
        Credential current = credential;
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            Instant now = parts.clock().instant();
            Optional<Credential> stored = parts.credentials().updateIfVersion(new Credential(current.credentialId(),
                    current.connectionId(), CredentialStatus.ACTIVE, current.appName(), current.authScheme(),
                    current.entityId(), current.authConfigId(), current.disabled(),
                    now.plus(parts.refreshConfig().tokenLifetime(tokens.expiresInSeconds())), current.createdAt(),
                    now, null, current.version(), tokens.mergedInto(current.secrets())));
            if (stored.isPresent()) {
                parts.cache().invalidate(current.connectionId());
                return back(stored.get(), CredentialStatus.ACTIVE, null);
            }
            Optional<Credential> reread = parts.credentials().findByCredentialId(current.credentialId());
            if (reread.isEmpty()) {
                return new CallbackResult.Refused(current.connectionId(), "connection_deleted");
            }
            if (reread.get().status() != CredentialStatus.INITIATED) {
                return back(reread.get(), reread.get().status(), "connection_not_pending");
            }
            current = reread.get();
        }
        return back(current, current.status(), "conflict");
    }

    /** The flow failed: EXPIRED with the coded reason (if still INITIATED), browser sent back with the code. */
    private CallbackResult fail(Credential credential, String reason, String errorCode, Instant now) {
        String bounded = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
        parts.store().expireInitiated(credential.credentialId(), bounded, now);
        parts.cache().invalidate(credential.connectionId());
        return back(credential, CredentialStatus.EXPIRED, errorCode);
    }

    private static CallbackResult back(Credential credential, CredentialStatus status, String error) {
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
