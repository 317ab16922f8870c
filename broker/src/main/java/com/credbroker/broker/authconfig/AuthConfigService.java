package com.credbroker.broker.authconfig;

import com.credbroker.broker.http.ApiException;
import com.credbroker.broker.http.Ids;
import com.credbroker.config.EgressAllowList;
import com.credbroker.refresh.egress.EgressPolicy;
import com.credbroker.refresh.egress.HostResolver;
import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.AuthConfigInUseException;
import com.credbroker.storage.authconfig.AuthConfigRepository;
import com.credbroker.storage.credential.Page;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The rules around auth configs (an app's OAuth client): validation, server-side IDs and timestamps,
 * versioned updates (each clears the refresh block), and no delete while connections refer to a config.
 * Thread-safe. Records returned here hold the client secret; callers must not put it on the wire.
 */
public final class AuthConfigService {
    static final String PREFIX = "ac";

    private final AuthConfigRepository repository;
    private final AuthConfigRequests requests;
    private final Clock clock;
    private final SecureRandom random;

    /** @param allowInsecureUrls accept plain-http endpoints ({@code CREDBROKER_ALLOW_INSECURE_TOKEN_URLS}) */
    public AuthConfigService(AuthConfigRepository repository, boolean allowInsecureUrls, Clock clock,
            SecureRandom random) {
        this(repository, allowInsecureUrls, EgressPolicy.enforcing(EgressAllowList.none(),
                HostResolver.withoutLookups()), clock, random);
    }

    /**
     * @param egress judges endpoint hosts when insecure URLs are not allowed (the broker looks nothing up
     *               here: addresses in any notation and {@code localhost}; names are checked at each request)
     */
    public AuthConfigService(AuthConfigRepository repository, boolean allowInsecureUrls, EgressPolicy egress,
            Clock clock, SecureRandom random) {
        this.repository = repository;
        this.requests = new AuthConfigRequests(allowInsecureUrls, egress);
        this.clock = clock;
        this.random = random;
    }

    public AuthConfig create(AuthConfigRequest request) {
        return repository.create(requests.toNew(request, Ids.newId(random, PREFIX), clock.instant()));
    }

    /** The config, or 404 (also for an ID that is not an {@code ac_…} ID: no query is made). */
    public AuthConfig get(String authConfigId) {
        return find(authConfigId).orElseThrow(AuthConfigService::notFound);
    }

    /** The config by ID; empty for an unknown or malformed ID. For the refresh engine and lookups. */
    public Optional<AuthConfig> find(String authConfigId) {
        if (!wellFormed(authConfigId)) {
            return Optional.empty();
        }
        return repository.find(authConfigId);
    }

    public Page<AuthConfig> list(int limit, String cursor) {
        try {
            return repository.list(limit, cursor);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("cursor is not a cursor this server issued");
        }
    }

    /**
     * Applies the fields present to the config as stored, versioned ({@link AuthConfigRepository#update});
     * {@link com.credbroker.storage.credential.VersionConflictException} (409) when concurrent writes keep winning.
     */
    public AuthConfig patch(String authConfigId, AuthConfigRequest request, Set<String> present) {
        if (!wellFormed(authConfigId)) {
            throw notFound();
        }
        return repository.update(authConfigId, c -> requests.applyPatch(c, request, present, clock.instant()))
                .orElseThrow(AuthConfigService::notFound);
    }

    /** 404 when unknown; 409 {@code auth_config_in_use} while connections refer to it. */
    public void delete(String authConfigId) {
        if (!wellFormed(authConfigId)) {
            throw notFound();
        }
        try {
            if (!repository.delete(authConfigId)) {
                throw notFound();
            }
        } catch (AuthConfigInUseException e) {
            throw new ApiException(409, "auth_config_in_use", "the auth config is used by " + e.connections()
                    + " connection(s); delete them or point them at another auth config first");
        }
    }

    /** True for an ID of the {@code ac_…} form (safe to query and to record in the audit trail). */
    public static boolean wellFormed(String authConfigId) {
        try {
            Ids.prefixed(authConfigId, PREFIX, "auth config");
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private static ApiException notFound() {
        return ApiException.notFound("auth config not found");
    }
}
