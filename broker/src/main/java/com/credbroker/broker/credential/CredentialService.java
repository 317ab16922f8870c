package com.credbroker.broker.credential;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.authconfig.ProviderChecks;
import com.credbroker.broker.domain.ConflictException;
import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.domain.RefreshRefusedException;
import com.credbroker.broker.http.ErrorMapper;
import com.credbroker.broker.metrics.BrokerMetrics;
import com.credbroker.broker.http.Ids;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.AuthConfigRepository;
import com.credbroker.storage.credential.Credential;
import com.credbroker.storage.credential.CredentialFilter;
import com.credbroker.storage.credential.CredentialRepository;
import com.credbroker.storage.credential.CredentialRepository.UpsertResult;
import com.credbroker.storage.credential.CredentialSummary;
import com.credbroker.storage.credential.Page;
import com.credbroker.storage.crypto.DecryptionException;
import com.credbroker.refresh.engine.RefreshOutcome;
import com.credbroker.refresh.engine.RefreshResult;
import com.credbroker.refresh.engine.RefreshTrigger;
import com.credbroker.refresh.engine.TokenRefresher;
import com.credbroker.refresh.provider.ProviderResolver;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** The rules around stored credentials: validation, versioned updates, cache invalidation. */
public final class CredentialService {
    private final CredentialRepository repository;
    private final LookupCache cache;
    private final CredentialViews views;
    private final Clock clock;
    private final SecureRandom random;
    private final TokenRefresher refresher;
    private final Duration refreshSkew;
    private final CredentialRevoker revoker;
    private final AuthConfigRepository authConfigs;
    private final AuditService audit;
    private final BrokerMetrics metrics;
    private final ProviderChecks providers;

    /** Without provider templates ({@link ProviderResolver#PLAIN}). */
    public CredentialService(CredentialRepository repository, LookupCache cache, CredentialViews views, Clock clock,
            SecureRandom random, TokenRefresher refresher, Duration refreshSkew, CredentialRevoker revoker,
            AuthConfigRepository authConfigs, AuditService audit, BrokerMetrics metrics) {
        this(repository, cache, views, clock, random, refresher, refreshSkew, revoker, authConfigs, audit, metrics,
                ProviderResolver.PLAIN);
    }

    /** @param providers judges a connection's {@code connection_config} against its auth config's template */
    public CredentialService(CredentialRepository repository, LookupCache cache, CredentialViews views, Clock clock,
            SecureRandom random, TokenRefresher refresher, Duration refreshSkew, CredentialRevoker revoker,
            AuthConfigRepository authConfigs, AuditService audit, BrokerMetrics metrics, ProviderResolver providers) {
        this.providers = new ProviderChecks(providers);
        this.audit = audit;
        this.metrics = metrics;
        this.authConfigs = authConfigs;
        this.refresher = refresher;
        this.revoker = revoker;
        this.refreshSkew = refreshSkew;
        this.repository = repository;
        this.cache = cache;
        this.views = views;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The seed lookup for {@code actor}: the rendered response ({@code redacted} for a metadata-only key),
     * available once its audit record is durable (fail-closed, without blocking the request thread).
     * Counted by outcome; a failure is audited and counted by its error code.
     */
    public CompletableFuture<byte[]> lookup(Actor actor, String connectionId, boolean redacted) {
        ReadyResponse ready;
        try {
            ready = audit.audited(AuditAction.CREDENTIAL_READ, actor, connectionId, null, () -> lookup(connectionId));
        } catch (RuntimeException e) {
            lookupRefused(e);
            throw e;
        }
        String outcome = redacted ? "success_redacted" : "success";
        byte[] body = ready.render(redacted, now());
        return audit.recordAsync(AuditAction.CREDENTIAL_READ, actor, connectionId, outcome).thenApply(written -> {
            metrics.lookup(outcome);
            return body;
        });
    }

    /** Counts a lookup refused before or during the work (e.g. no key, not found) by its error code. */
    public void lookupRefused(RuntimeException refusal) {
        String code = ErrorMapper.outcomeOf(refusal);
        if (!"error".equals(code)) {
            metrics.lookup(code);
        }
    }

    /** One record by credential ID for {@code actor} ({@code credential.read}, redacted or not). */
    public Credential read(Actor actor, String credentialId, boolean redacted) {
        Credential credential = audit.audited(AuditAction.CREDENTIAL_READ, actor, null, null,
                () -> get(credentialId));
        audit.record(AuditAction.CREDENTIAL_READ, actor, credential.connectionId(),
                redacted ? "success_redacted" : "success");
        return credential;
    }

    /** {@link #upsert(CredentialRequest, boolean)} for {@code actor}: audited as a create or an update. */
    public UpsertResult upsert(Actor actor, CredentialRequest request, boolean mayRetarget) {
        UpsertResult result = audit.audited(AuditAction.CREDENTIAL_WRITE, actor,
                Ids.connectionIdOrNull(request.connectionId()), null, () -> upsert(request, mayRetarget));
        audit.record(result.created() ? AuditAction.CREDENTIAL_CREATE : AuditAction.CREDENTIAL_UPDATE, actor,
                result.credential().connectionId(), "success");
        return result;
    }

    /** {@link #patch(String, CredentialRequest, Set, boolean)} for {@code actor}, audited. */
    public Credential patch(Actor actor, String credentialId, CredentialRequest request, Set<String> present,
            boolean mayRetarget) {
        Credential stored = audit.audited(AuditAction.CREDENTIAL_UPDATE, actor, null, null,
                () -> patch(credentialId, request, present, mayRetarget));
        audit.record(AuditAction.CREDENTIAL_UPDATE, actor, stored.connectionId(), "success");
        return stored;
    }

    /** {@link #setDisabled(String, boolean)} for {@code actor}, audited as a disable or an enable. */
    public Credential setDisabled(Actor actor, String credentialId, boolean disabled) {
        AuditAction action = disabled ? AuditAction.CREDENTIAL_DISABLE : AuditAction.CREDENTIAL_ENABLE;
        Credential stored = audit.audited(action, actor, null, null, () -> setDisabled(credentialId, disabled));
        audit.record(action, actor, stored.connectionId(), "success");
        return stored;
    }

    /** {@link #delete(String)} for {@code actor}: the revocation (when tried) and the delete are audited. */
    public Deletion delete(Actor actor, String credentialId) {
        Deletion deletion = audit.audited(AuditAction.CREDENTIAL_DELETE, actor, null, null,
                () -> delete(credentialId));
        deletion.revocation().ifPresent(outcome -> audit.record(AuditAction.CREDENTIAL_REVOKE, actor,
                deletion.connectionId(), outcome));
        audit.record(AuditAction.CREDENTIAL_DELETE, actor, deletion.connectionId(), "success");
        return deletion;
    }

    /** A page of summaries for {@code actor} ({@code credential.list}). */
    public Page<CredentialSummary> list(Actor actor, CredentialFilter filter, int limit, String cursor) {
        Page<CredentialSummary> page = list(filter, limit, cursor);
        audit.record(AuditAction.CREDENTIAL_LIST, actor, null, "success");
        return page;
    }

    /**
     * The ready response for a connection, from the cache when possible. A token that is expired or
     * within the refresh skew ({@link ReadyResponse#needsRefresh}) is refreshed first (outside the cache:
     * concurrent lookups share the one refresh through the refresher's single-flight), then the record the
     * refresh left is served: the cached entry when there still is one (nothing was committed), else that
     * record, without reading it again. It is not put in the cache: an admin write committed after the refresh
     * could already have dropped the entry; the next lookup loads it.
     */
    private ReadyResponse lookup(String connectionId) {
        ReadyResponse ready = load(connectionId);
        if (ready.needsRefresh(now(), refreshSkew)) {
            RefreshResult result = refresher.refresh(ready.credentialId(), RefreshTrigger.READ);
            if (result.outcome() == RefreshOutcome.NOT_FOUND) {
                throw new NotFoundException("connection");
            }
            ReadyResponse cached = cache.getIfPresent(connectionId);
            Credential after = result.credential();
            ready = cached != null || after == null ? load(connectionId) : views.ready(after, refresher.canRefresh(after));
        }
        return ready;
    }

    private ReadyResponse load(String connectionId) {
        ReadyResponse ready = cache.get(connectionId, id -> repository.findByConnectionId(id)
                .map(c -> views.ready(c, refresher.canRefresh(c))).orElse(null));
        if (ready == null) {
            throw new NotFoundException("connection");
        }
        return ready;
    }

    private String credentialIdOf(String connectionId) {
        return repository.findByConnectionId(connectionId).map(Credential::credentialId)
                .orElseThrow(() -> new NotFoundException("connection"));
    }

    /**
     * Refreshes now (an admin's forced refresh) for {@code actor} and returns the result when it stored new
     * tokens (or a concurrent refresh did: {@code shared}). Every other ending is a
     * {@link RefreshRefusedException} that names the outcome. One audit record either way
     * ({@code credential.refresh.forced}, the outcome label, the key and request ID).
     */
    public RefreshResult forceRefresh(Actor actor, String connectionId) {
        RefreshResult result = audit.audited(AuditAction.REFRESH_FORCED, actor, connectionId, null,
                () -> refresher.refresh(credentialIdOf(connectionId), RefreshTrigger.FORCED));
        audit.record(AuditAction.REFRESH_FORCED, actor, connectionId, result.outcome().label());
        return ForcedRefreshes.produced(result, now());
    }

    /**
     * One record by credential ID, or 404, without an audit record. Public for {@code ConnectionCheckService},
     * which audits its own action on the credential; requests use {@link #read(Actor, String, boolean)}.
     */
    public Credential get(String credentialId) {
        Ids.prefixed(credentialId, "cred", "credential");
        return repository.findByCredentialId(credentialId)
                .orElseThrow(() -> new NotFoundException("credential"));
    }

    /**
     * Creates or replaces the connection named in the body. Replacing an existing connection with other
     * destinations for its secrets needs {@code mayRetarget} (see {@link Retargeting}). A connection created
     * between the check and the write is replaced as a whole, its secrets included, so the caller never
     * redirects secrets it did not supply.
     */
    private UpsertResult upsert(CredentialRequest request, boolean mayRetarget) {
        Credential candidate = CredentialRequests.toNew(request, Ids.newId(random, "cred"), now());
        Optional<Credential> existing = repository.findByConnectionId(candidate.connectionId());
        existing.ifPresent(old -> Retargeting.check(old, candidate, mayRetarget));
        checkAuthConfigApp(existing.orElse(null), candidate);
        checkConnectionConfig(existing.orElse(null), candidate);
        UpsertResult result = repository.upsert(candidate);
        cache.invalidate(result.credential().connectionId());
        return result;
    }

    /** Applies a partial update; changing where the connection's secrets go needs {@code mayRetarget}. */
    private Credential patch(String credentialId, CredentialRequest request, Set<String> present, boolean mayRetarget) {
        return update(credentialId, c -> {
            Credential next = CredentialRequests.applyPatch(c, request, present, now());
            Retargeting.check(c, next, mayRetarget);
            checkAuthConfigApp(c, next);
            checkConnectionConfig(c, next);
            return next;
        });
    }

    /**
     * A connection may only name an auth config of its own app: the auth config decides where the refresh
     * token is posted. An auth config the broker does not know (yet) is left to refresh, which skips it.
     */
    private void checkAuthConfigApp(Credential before, Credential after) {
        if (after.authConfigId() == null || before != null && after.authConfigId().equals(before.authConfigId())
                && after.appName().equals(before.appName())) {
            return;
        }
        Optional<String> app = authConfigs.find(after.authConfigId()).map(AuthConfig::appName);
        if (app.isPresent() && !app.get().equals(after.appName())) {
            throw new ConflictException("auth_config_app_mismatch", "auth_config_id names an auth config of"
                    + " another app; a connection may only use an auth config whose app_name is its own");
        }
    }

    /**
     * A connection's {@code extra_data.connection_config} must suit its auth config's provider template (400
     * listing every problem), checked when either changes. An unknown auth config is left alone, as above.
     */
    private void checkConnectionConfig(Credential before, Credential after) {
        Map<String, String> fields = ProviderChecks.connectionConfigOf(after.secrets().extraData());
        if (after.authConfigId() == null || before != null && after.authConfigId().equals(before.authConfigId())
                && fields.equals(ProviderChecks.connectionConfigOf(before.secrets().extraData()))) {
            return;
        }
        authConfigs.find(after.authConfigId()).ifPresent(config -> providers.requireConnectionConfig(config, fields));
    }

    private Credential setDisabled(String credentialId, boolean disabled) {
        return update(credentialId, c -> c.withDisabled(disabled, now()));
    }

    /** What a delete did: the connection ID the record had, and the revocation outcome, if one was attempted. */
    public record Deletion(String connectionId, Optional<String> revocation) {
    }

    /**
     * Revokes the connection's token at the provider when its auth config names a revocation endpoint (best
     * effort; a payload that does not open is deleted unrevoked), then deletes the record and its payload.
     */
    private Deletion delete(String credentialId) {
        Credential credential;
        try {
            credential = get(credentialId);
        } catch (DecryptionException unreadable) {
            credential = null;
        }
        Optional<String> revocation = credential == null ? Optional.empty() : revoker.revoke(credential);
        String connectionId = repository.delete(credentialId)
                .orElseThrow(() -> new NotFoundException("credential"));
        cache.invalidate(connectionId);
        return new Deletion(connectionId, revocation);
    }

    private Page<CredentialSummary> list(CredentialFilter filter, int limit, String cursor) {
        return repository.list(filter, limit, cursor);
    }

    public CredentialViews views() {
        return views;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * The versioned change of one credential ({@link CredentialRepository#update}), then its cached response
     * dropped; 404 when unknown, {@link com.credbroker.storage.credential.VersionConflictException} (409) when
     * concurrent writes keep winning.
     */
    private Credential update(String credentialId, UnaryOperator<Credential> change) {
        Ids.prefixed(credentialId, "cred", "credential");
        Credential stored = repository.update(credentialId, change)
                .orElseThrow(() -> new NotFoundException("credential"));
        cache.invalidate(stored.connectionId());
        return stored;
    }
}
