package com.credbroker.broker.connect;

import com.credbroker.broker.credential.CredentialViews;
import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.authconfig.ProviderChecks;
import com.credbroker.broker.domain.ValidationException;
import com.credbroker.broker.http.Ids;
import com.credbroker.refresh.connect.AuthorizationStart;
import com.credbroker.refresh.connect.AuthorizationUrls;
import com.credbroker.refresh.oidc.OidcConnect;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.refresh.provider.ResolvedProvider;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.connect.OverdueAuthorization;
import com.credbroker.storage.connect.PendingAuthorization;
import com.credbroker.storage.connect.StateHash;
import com.credbroker.storage.credential.AuthScheme;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialSecrets;
import com.credbroker.storage.credential.CredentialStatus;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts OAuth connect flows and ends those that ran out of time. An initiate creates an INITIATED
 * OAUTH2 connection holding the PKCE code verifier (in its encrypted payload) and the caller's
 * {@code callback_url}, records the hash of a fresh single-use state with a deadline
 * ({@code CREDBROKER_AUTHORIZATION_TIMEOUT}), and returns the provider's authorization URL. Thread-safe.
 */
public final class ConnectService {
    static final String AUTHORIZATION_TIMEOUT = "authorization_timeout";
    private static final int SWEEP_BATCH = 500;
    /** How long a finished authorization's row is kept (a replayed state is refused either way). */
    private static final Duration KEEP_FINISHED = Duration.ofDays(1);

    private final ConnectParts parts;
    private final AuthorizationUrls urls;
    private final SecureRandom random;
    private final AuditService audit;
    private final OpenIdSteps openId;
    /** Reconnect in place; null when not wired. */
    private final Reconnects reconnects;

    /** Auth configs read without templates ({@link ProviderResolver#PLAIN}). */
    public ConnectService(ConnectParts parts, SecureRandom random, AuditService audit) {
        this(parts, random, audit, ProviderResolver.PLAIN);
    }

    /** @param providers resolves an auth config (and its template) into the authorization request to send */
    public ConnectService(ConnectParts parts, SecureRandom random, AuditService audit, ProviderResolver providers) {
        this(parts, random, audit, OpenIdSteps.resolving(providers), null);
    }

    /**
     * @param openId     resolves the provider (template, discovery) and adds the nonce of an OpenID
     *                   authorization request (issue 17)
     * @param reconnects reconnect in place, or null when not wired
     */
    public ConnectService(ConnectParts parts, SecureRandom random, AuditService audit, OpenIdSteps openId,
            Reconnects reconnects) {
        this.openId = openId;
        this.reconnects = reconnects;
        this.parts = parts;
        this.audit = audit;
        this.urls = new AuthorizationUrls(random);
        this.random = random;
    }

    /** Re-authorizes an existing connection in place: see {@link Reconnects#start(Actor, String, ReconnectRequest)}. */
    public InitiateResponse reconnect(Actor actor, String connectionId, ReconnectRequest request) {
        if (reconnects == null) {
            throw new IllegalStateException("reconnect is not wired");
        }
        return reconnects.start(actor, connectionId, request);
    }

    /** {@link #initiate(InitiateRequest)} for {@code actor} ({@code connection.initiate}, the new connection). */
    public InitiateResponse initiate(Actor actor, InitiateRequest request) {
        InitiateResponse started = audit.audited(AuditAction.CONNECTION_INITIATE, actor, null, null,
                () -> initiate(request));
        audit.record(AuditAction.CONNECTION_INITIATE, actor, started.connectionId(), "success");
        return started;
    }

    /** Validates the request, stores the INITIATED connection and its authorization, returns where to go. */
    public InitiateResponse initiate(InitiateRequest request) {
        AuthConfig config = authConfig(request.authConfigId());
        Map<String, String> connectionConfig = connectionConfig(config, request.connectionConfig());
        ResolvedProvider provider = openId.connectable(config, connectionConfig);
        URI back = ConnectRequests.callbackUrl(request.callbackUrl());
        List<String> scopes = ConnectRequests.scopes(request.scopes(), provider.defaultScopes());
        String entityId = ConnectRequests.entityId(request.entityId());
        URI redirectUri = parts.callbackEndpoint();
        AuthorizationStart start = urls.start(provider, scopes, redirectUri);
        OidcConnect.Start openIdStart = openId.start(provider, scopes, start); // issue 17: nonce
        Instant now = parts.clock().instant();
        CredentialSecrets secrets = new CredentialSecrets(Map.of(), null, start.codeVerifier(), null, null, false,
                null, null, back.toString(), null, null, connectionConfig.isEmpty() ? null
                        : Map.of(ProviderChecks.CONNECTION_CONFIG, connectionConfig));
        Credential created = parts.credentials().upsert(Credential.builder().credentialId(Ids.newId(random, "cred"))
                .connectionId(Ids.newId(random, "conn")).status(CredentialStatus.INITIATED).appName(config.appName())
                .authScheme(AuthScheme.OAUTH2).entityId(entityId).authConfigId(config.authConfigId())
                .createdAndUpdatedAt(now).secrets(secrets).build()).credential();
        Instant deadline = now.plus(parts.connectConfig().authorizationTimeout());
        parts.store().saveAuthorization(new PendingAuthorization(StateHash.of(start.state()),
                created.credentialId(), redirectUri.toString(), now, deadline, null, openIdStart.nonceHash()));
        return new InitiateResponse(created.connectionId(), created.credentialId(), created.status().name(),
                openIdStart.redirectUrl().toString(), CredentialViews.timestamp(deadline));
    }

    private AuthConfig authConfig(String authConfigId) {
        if (authConfigId == null) {
            throw new ValidationException("auth_config_id is required");
        }
        return parts.authConfigs().find(authConfigId).orElseThrow(() -> new ValidationException(
                "auth_config_id names no auth config"));
    }

    /** The per-connection template fields, checked (400 listing every problem) before anything is stored. */
    private Map<String, String> connectionConfig(AuthConfig config, Map<String, String> given) {
        Map<String, String> fields = given == null ? Map.of() : given;
        parts.authConfigs().requireConnectionConfig(config, fields);
        return fields;
    }

    /**
     * Moves every INITIATED connection whose authorization deadline passed to EXPIRED with reason
     * {@code authorization_timeout}; a callback still exchanging its code (state presented within twice the
     * token request's timeouts) is left to finish. Each is audited ({@code connection.timeout}, outcome
     * {@code authorization_timeout}). Authorizations finished more than a day ago are purged.
     * Returns the connection IDs it expired.
     */
    public List<String> expireOverdue() {
        Instant now = parts.clock().instant();
        Duration exchange = parts.refreshConfig().connectTimeout().plus(parts.refreshConfig().readTimeout());
        List<String> expired = new ArrayList<>();
        List<OverdueAuthorization> overdue;
        do {
            overdue = parts.store().findOverdue(now, now.minus(exchange.multipliedBy(2)), SWEEP_BATCH);
            for (OverdueAuthorization o : overdue) {
                if (parts.store().expireInitiated(o.credentialId(), AUTHORIZATION_TIMEOUT, now)) {
                    parts.cache().invalidate(o.connectionId());
                    expired.add(o.connectionId());
                    audit.recordRefusal(AuditAction.CONNECTION_TIMEOUT, Actor.broker(), o.connectionId(), null,
                            AUTHORIZATION_TIMEOUT);
                }
            }
        } while (overdue.size() == SWEEP_BATCH);
        parts.store().purgeFinished(now.minus(KEEP_FINISHED));
        return expired;
    }
}
