package com.credbroker.broker.connect;

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
 * the connection's {@code callback_url} with {@code connection_id} and {@code status}. Thread-safe.
 */
public final class CallbackService {
    private static final int MAX_OUTCOME = 32;
    private static final int MAX_REASON = 1000;

    private final ConnectParts parts;
    private final AuthorizationCodeClient client;

    public CallbackService(ConnectParts parts, AuthorizationCodeClient client) {
        this.parts = parts;
        this.client = client;
    }

    /**
     * @param error             the provider's {@code error} parameter, or null
     * @param errorDescription  the provider's {@code error_description}, or null (untrusted; sanitised)
     * @throws com.credbroker.broker.http.ApiException 400 for a malformed state or code (nothing looked up)
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

    /**
     * Stores the tokens on the record as it is now, if it is still INITIATED ({@link
     * com.credbroker.storage.credential.CredentialRepository#update}: a concurrent write is retried).
     */
    private CallbackResult activate(Credential credential, TokenSet tokens) {
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
                        .updatedAt(now).secrets(tokens.mergedInto(current.secrets())).build();
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
