package com.credbroker.broker.authconfig;

import com.credbroker.broker.audit.Actor;
import com.credbroker.broker.audit.AuditAction;
import com.credbroker.broker.audit.AuditService;
import com.credbroker.broker.domain.ConflictException;
import com.credbroker.broker.domain.NotFoundException;
import com.credbroker.broker.http.Ids;
import com.credbroker.config.EgressAllowList;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.refresh.provider.ProviderResolver;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.AuthConfigInUseException;
import com.credbroker.storage.authconfig.AuthConfigRepository;
import com.credbroker.storage.credential.Page;
import com.credbroker.storage.db.InvalidCursorException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The rules around auth configs (an app's OAuth client): validation, server-side IDs and timestamps,
 * versioned updates (each clears the refresh block), and no delete while connections refer to a config.
 * A config on a provider template must resolve ({@link ProviderChecks}, on the injected resolver).
 * Thread-safe. Records returned here hold the client secret; callers must not put it on the wire.
 */
public final class AuthConfigService {
    static final String PREFIX = "ac";

    private final AuthConfigRepository repository;
    private final AuthConfigRequests requests;
    private final Clock clock;
    private final SecureRandom random;
    private final AuditService audit;
    private final ProviderChecks providers;

    /** @param allowInsecureUrls accept plain-http endpoints ({@code CREDBROKER_ALLOW_INSECURE_TOKEN_URLS}) */
    public AuthConfigService(AuthConfigRepository repository, boolean allowInsecureUrls, Clock clock,
            SecureRandom random, AuditService audit) {
        this(repository, allowInsecureUrls, EgressPolicy.enforcing(EgressAllowList.none(),
                HostResolver.withoutLookups()), clock, random, audit, ProviderResolver.PLAIN);
    }

    /** Without provider templates ({@link ProviderResolver#PLAIN}). */
    public AuthConfigService(AuthConfigRepository repository, boolean allowInsecureUrls, EgressPolicy egress,
            Clock clock, SecureRandom random, AuditService audit) {
        this(repository, allowInsecureUrls, egress, clock, random, audit, ProviderResolver.PLAIN);
    }

    /**
     * @param egress judges endpoint hosts when insecure URLs are not allowed (the broker looks nothing up
     *               here: addresses in any notation and {@code localhost}; names are checked at each request)
     * @param providers judges provider template bindings (unknown provider, bad override or field: 400)
     */
    public AuthConfigService(AuthConfigRepository repository, boolean allowInsecureUrls, EgressPolicy egress,
            Clock clock, SecureRandom random, AuditService audit, ProviderResolver providers) {
        this.providers = new ProviderChecks(providers);
        this.repository = repository;
        this.audit = audit;
        this.requests = new AuthConfigRequests(allowInsecureUrls, egress);
        this.clock = clock;
        this.random = random;
    }

    private AuthConfig create(AuthConfigRequest request) {
        AuthConfig config = requests.toNew(request, Ids.newId(random, PREFIX), clock.instant());
        providers.requireUsable(config);
        return repository.create(config);
    }

    /** Creates a config for {@code actor} ({@code auth_config.create}, target the new ID). */
    public AuthConfig create(Actor actor, AuthConfigRequest request) {
        AuthConfig created = audit.audited(AuditAction.AUTH_CONFIG_CREATE, actor, null, null, () -> create(request));
        audit.record(AuditAction.AUTH_CONFIG_CREATE, actor, null, created.authConfigId(), "success");
        return created;
    }

    /** A page of configs for {@code actor} ({@code auth_config.list}). */
    public Page<AuthConfig> list(Actor actor, int limit, String cursor) {
        Page<AuthConfig> page = audit.audited(AuditAction.AUTH_CONFIG_LIST, actor, null, null,
                () -> list(limit, cursor));
        audit.record(AuditAction.AUTH_CONFIG_LIST, actor, null, "success");
        return page;
    }

    /** One config for {@code actor} ({@code auth_config.read}). */
    public AuthConfig get(Actor actor, String authConfigId) {
        return audited(AuditAction.AUTH_CONFIG_READ, actor, authConfigId, () -> get(authConfigId));
    }

    /** {@link #patch(String, AuthConfigRequest, Set)} for {@code actor} ({@code auth_config.update}). */
    public AuthConfig patch(Actor actor, String authConfigId, AuthConfigRequest request, Set<String> present) {
        return audited(AuditAction.AUTH_CONFIG_UPDATE, actor, authConfigId,
                () -> patch(authConfigId, request, present));
    }

    /** {@link #delete(String)} for {@code actor} ({@code auth_config.delete}). */
    public void delete(Actor actor, String authConfigId) {
        audited(AuditAction.AUTH_CONFIG_DELETE, actor, authConfigId, () -> {
            delete(authConfigId);
            return null;
        });
    }

    /** Runs an operation on one config and records it, the ID as target when well-formed (never a raw path value). */
    private <T> T audited(AuditAction action, Actor actor, String authConfigId, Supplier<T> operation) {
        String target = wellFormed(authConfigId) ? authConfigId : null;
        T result = audit.audited(action, actor, null, target, operation);
        audit.record(action, actor, null, target, "success");
        return result;
    }

    /** The config, or 404 (also for an ID that is not an {@code ac_…} ID: no query is made). */
    private AuthConfig get(String authConfigId) {
        return find(authConfigId).orElseThrow(AuthConfigService::notFound);
    }

    /** The config by ID; empty for an unknown or malformed ID. For the refresh engine and lookups. */
    public Optional<AuthConfig> find(String authConfigId) {
        if (!wellFormed(authConfigId)) {
            return Optional.empty();
        }
        return repository.find(authConfigId);
    }

    private Page<AuthConfig> list(int limit, String cursor) {
        try {
            return repository.list(limit, cursor);
        } catch (InvalidCursorException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }

    /**
     * Applies the fields present to the config as stored, versioned ({@link AuthConfigRepository#update});
     * {@link com.credbroker.storage.credential.VersionConflictException} (409) when concurrent writes keep winning.
     */
    private AuthConfig patch(String authConfigId, AuthConfigRequest request, Set<String> present) {
        if (!wellFormed(authConfigId)) {
            throw notFound();
        }
        return repository.update(authConfigId, c -> {
            AuthConfig next = requests.applyPatch(c, request, present, clock.instant());
            providers.requireUsable(next);
            return next;
        }).orElseThrow(AuthConfigService::notFound);
    }

    /**
     * Deletes the config.
     *
     * @throws NotFoundException when unknown
     * @throws AuthConfigInUseException while connections refer to it
     */
    private void delete(String authConfigId) {
        if (!wellFormed(authConfigId)) {
            throw notFound();
        }
        if (!repository.delete(authConfigId)) {
            throw notFound();
        }
    }

    /**
     * Refuses per-connection fields for a connection of {@code config} (400, every problem listed): malformed,
     * fixed by the config's {@code connection_fields}, or refused by its template.
     */
    public void requireConnectionConfig(AuthConfig config, Map<String, String> connectionConfig) {
        providers.requireConnectionConfig(config, connectionConfig);
    }

    /** True for an ID of the {@code ac_…} form (safe to query and to record in the audit trail). */
    public static boolean wellFormed(String authConfigId) {
        try {
            Ids.prefixed(authConfigId, PREFIX, "auth config");
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static NotFoundException notFound() {
        return new NotFoundException("auth config");
    }
}
