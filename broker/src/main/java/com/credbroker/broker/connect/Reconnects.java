package com.credbroker.broker.connect;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.credential.CredentialRevoker;
import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.broker.domain.ConflictException;
import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.domain.ValidationException;
import com.credbroker.broker.http.CallbackUrls;
import com.credbroker.broker.http.Ids;
import com.credbroker.refresh.client.ConnectionConfigs;
import com.credbroker.refresh.client.ProviderErrors;
import com.credbroker.refresh.client.TokenSet;
import com.credbroker.refresh.connect.AuthorizationStart;
import com.credbroker.refresh.oidc.OidcConnect;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.refresh.connect.AuthorizationUrls;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.connect.PendingAuthorization;
import com.credbroker.storage.connect.PendingReconnect;
import com.credbroker.storage.connect.ReconnectStore;
import com.credbroker.storage.connect.StateHash;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialStatus;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconnect in place (issue 17, item 6): re-authorizes an existing OAUTH2 connection under its own
 * {@code connection_id} and {@code credential_id}. {@link #start} records a pending authorization that
 * remembers the target connection ({@link PendingReconnect}: its PKCE verifier and callback URL sealed
 * apart from the connection) and leaves the connection exactly as it is: lookups, status and the refresher
 * see the old record until the new grant completes. The callback ({@link CallbackService}) exchanges the
 * code as for any connect flow and hands the tokens to {@link ReconnectCompletion}; every other ending of
 * a reconnect leaves the connection unchanged. Thread-safe.
 */
public final class Reconnects {
    private final ConnectParts parts;
    private final ReconnectStore store;
    private final AuthorizationUrls urls;
    private final AuditService audit;
    private final ReconnectCompletion completion;
    private final OpenIdSteps openId;

    public Reconnects(ConnectParts parts, ReconnectStore store, CredentialRevoker revoker, SecureRandom random,
            AuditService audit) {
        this(parts, store, revoker, random, audit, OpenIdSteps.none());
    }

    /** @param openId the OpenID Connect steps: an OpenID re-authorization carries a nonce, as a first one does */
    public Reconnects(ConnectParts parts, ReconnectStore store, CredentialRevoker revoker, SecureRandom random,
            AuditService audit, OpenIdSteps openId) {
        this.openId = openId;
        this.parts = parts;
        this.store = store;
        this.urls = new AuthorizationUrls(random);
        this.audit = audit;
        this.completion = new ReconnectCompletion(parts, store, revoker, audit);
    }

    /** {@link #start(String, ReconnectRequest)} for {@code actor}, audited as {@code connection.reconnect}. */
    public InitiateResponse start(Actor actor, String connectionId, ReconnectRequest request) {
        String audited = Ids.connectionIdOrNull(connectionId);
        InitiateResponse started = audit.audited(AuditAction.CONNECTION_RECONNECT, actor, audited, null,
                () -> start(connectionId, request));
        audit.record(AuditAction.CONNECTION_RECONNECT, actor, started.connectionId(), "initiated");
        return started;
    }

    /**
     * Starts the re-authorization of {@code connectionId}: 404 when unknown; 409 when it is not OAUTH2
     * ({@code not_oauth2}), still INITIATED ({@code connection_pending}), of another auth config than the
     * request names ({@code auth_config_mismatch}) or its auth config is gone ({@code auth_config_missing}).
     * The answer names the connection as it is now (its status unchanged) and where to send the browser.
     */
    public InitiateResponse start(String connectionId, ReconnectRequest request) {
        Credential current = parts.credentials().findByConnectionId(Ids.connectionId(connectionId))
                .orElseThrow(() -> new NotFoundException("connection"));
        ReconnectRequest body = request == null ? new ReconnectRequest(null, null, null, null) : request;
        AuthConfig config = authConfigOf(current, body.authConfigId());
        URI back = CallbackUrls.require(callbackUrl(body.callbackUrl(), current));
        URI redirectUri = parts.callbackEndpoint();
        Map<String, String> connectionConfig = ConnectionConfigs.of(current.secrets());
        ResolvedProvider provider = openId.connectable(config, connectionConfig);
        List<String> scopes = ConnectRequests.scopes(body.scopes(), provider.defaultScopes());
        AuthorizationStart start = urls.start(provider, scopes, redirectUri);
        OidcConnect.Start openIdStart = openId.start(provider, scopes, start);
        Instant now = parts.clock().instant();
        Instant deadline = now.plus(parts.connectConfig().authorizationTimeout());
        String stateHash = StateHash.of(start.state());
        parts.transactions().inTransaction("reconnect start", () -> {
            parts.store().saveAuthorization(new PendingAuthorization(stateHash, current.credentialId(),
                    redirectUri.toString(), now, deadline, null, openIdStart.nonceHash()));
            store.save(new PendingReconnect(stateHash, current.credentialId(), body.accountChangeAllowed(),
                    start.codeVerifier(), back.toString()));
            return null;
        });
        return new InitiateResponse(current.connectionId(), current.credentialId(), current.status().name(),
                openIdStart.redirectUrl().toString(), CredentialViews.timestamp(deadline));
    }

    /** The connection's auth config, after the rules that say whether this connection can be reconnected. */
    private AuthConfig authConfigOf(Credential current, String requestedAuthConfigId) {
        if (current.authScheme() != AuthScheme.OAUTH2) {
            throw new ConflictException("not_oauth2", "only OAUTH2 connections can be reconnected");
        }
        if (current.status() == CredentialStatus.INITIATED) {
            throw new ConflictException("connection_pending", "the connection has not completed its first"
                    + " authorization; finish it or start a new connection");
        }
        if (requestedAuthConfigId != null && !requestedAuthConfigId.equals(current.authConfigId())) {
            throw new ConflictException("auth_config_mismatch", "the connection belongs to another auth config");
        }
        Optional<AuthConfig> config = current.authConfigId() == null ? Optional.empty()
                : parts.authConfigs().find(current.authConfigId());
        if (config.isEmpty()) {
            throw new ConflictException("auth_config_missing", "the connection has no auth config to reconnect"
                    + " with; point it at one first");
        }
        return config.get();
    }

    private static String callbackUrl(String requested, Credential current) {
        String url = requested != null ? requested : current.secrets().callbackUrl();
        if (url == null) {
            throw new ValidationException("callback_url is required: the connection has none to reuse");
        }
        return url;
    }

    /**
     * The reconnect a claimed authorization started, if it was one (and of the same connection: the sealed
     * reconnect names its target, the plain authorization row must agree); joins the callback's transaction.
     */
    Optional<PendingReconnect> find(PendingAuthorization authorization) {
        return store.find(authorization.stateHash())
                .filter(reconnect -> reconnect.credentialId().equals(authorization.credentialId()));
    }

    /**
     * The connection as the reconnect flow sees it, never stored: the reconnect's code verifier (for the
     * exchange) and callback URL (for the browser) in place of the connection's.
     */
    static Credential flowView(Credential current, PendingReconnect reconnect) {
        CredentialSecrets s = current.secrets();
        return current.withSecrets(new CredentialSecrets(s.credentials(),
                s.idToken(), reconnect.codeVerifier(), s.accountEmail(), s.accountId(), s.composioManaged(),
                s.baseUrl(), s.testRequestEndpoint(), reconnect.callbackUrl(), s.extraHeaders(), s.queryParams(),
                s.extraData()));
    }

    /**
     * How a reconnect callback ends before any code exchange, or null when the code is to be exchanged: the
     * deadline passed ({@code authorization_timeout}), the provider's error code, or no code. The connection
     * is left as it is in every case.
     */
    static String endingBeforeExchange(PendingAuthorization authorization, String code, String error,
            Instant now) {
        if (authorization.expiredAt(now)) {
            return ConnectService.AUTHORIZATION_TIMEOUT;
        }
        if (error != null) {
            return ProviderErrors.fromRedirect(error, null).code();
        }
        return code == null ? "invalid_request" : null;
    }

    /** The new grant arrived: see {@link ReconnectCompletion#complete}. */
    CallbackResult complete(Credential view, PendingReconnect reconnect, TokenSet tokens, UpstreamAccount upstream) {
        return completion.complete(view, reconnect, tokens, upstream);
    }
}
