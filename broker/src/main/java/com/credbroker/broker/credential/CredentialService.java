package com.credbroker.broker.credential;

import com.credbroker.broker.http.ApiException;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    public CredentialService(CredentialRepository repository, LookupCache cache, CredentialViews views, Clock clock,
            SecureRandom random, TokenRefresher refresher, Duration refreshSkew, CredentialRevoker revoker,
            AuthConfigRepository authConfigs) {
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
     * The ready response for a connection, from the cache when possible. A token that is expired or
     * within the refresh skew ({@link ReadyResponse#needsRefresh}) is refreshed first (outside the cache:
     * concurrent lookups share the one refresh through the refresher's single-flight), then the record the
     * refresh left is served: the cached entry when there still is one (nothing was committed), else that
     * record, without reading it again. It is not put in the cache: an admin write committed after the refresh
     * could already have dropped the entry; the next lookup loads it.
     */
    public ReadyResponse lookup(String connectionId) {
        ReadyResponse ready = load(connectionId);
        if (ready.needsRefresh(now(), refreshSkew)) {
            RefreshResult result = refresher.refresh(ready.credentialId(), RefreshTrigger.READ);
            if (result.outcome() == RefreshOutcome.NOT_FOUND) {
                throw ApiException.notFound("connection not found");
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
            throw ApiException.notFound("connection not found");
        }
        return ready;
    }

    private String credentialIdOf(String connectionId) {
        return repository.findByConnectionId(connectionId).map(Credential::credentialId)
                .orElseThrow(() -> ApiException.notFound("connection not found"));
    }

    /**
     * Refreshes now (an admin's forced refresh) and returns the record after it. Refused with 409 when
     * the connection cannot be refreshed and 429 while a backoff or the provider's Retry-After runs.
     */
    public RefreshResult forceRefresh(String connectionId) {
        RefreshResult result = refresher.refresh(credentialIdOf(connectionId), RefreshTrigger.FORCED);
        return switch (result.outcome()) {
            case NOT_FOUND -> throw ApiException.notFound("connection not found");
            case NOT_REFRESHABLE -> throw new ApiException(409, "not_refreshable", "this connection cannot be"
                    + " refreshed: it needs OAuth2 with a refresh token, a usable auth config, not disabled, and"
                    + " not finally expired (see status_reason)");
            case BACKING_OFF -> throw new ApiException(429, "refresh_backoff", backoffMessage(result),
                    Map.of("Retry-After", retryAfter(result)));
            default -> result;
        };
    }

    /** Says what holds the refresh: the provider's Retry-After, or the broker's backoff after a failure. */
    private static String backoffMessage(RefreshResult result) {
        return result.hold() == RefreshResult.Hold.PROVIDER_RETRY_AFTER
                ? "the token provider asked to wait (its Retry-After) after the last refresh of this connection;"
                        + " retry later"
                : "a refresh of this connection is backing off after a failure (see status_reason); retry later";
    }

    private String retryAfter(RefreshResult result) {
        long seconds = result.retryAfter() == null ? 1
                : Math.max(1, Duration.between(now(), result.retryAfter()).toSeconds() + 1);
        return Long.toString(seconds);
    }

    public Credential get(String credentialId) {
        Ids.prefixed(credentialId, "cred", "credential");
        return repository.findByCredentialId(credentialId)
                .orElseThrow(() -> ApiException.notFound("credential not found"));
    }

    /**
     * Creates or replaces the connection named in the body. Replacing an existing connection with other
     * destinations for its secrets needs {@code mayRetarget} (see {@link Retargeting}). A connection created
     * between the check and the write is replaced as a whole, its secrets included, so the caller never
     * redirects secrets it did not supply.
     */
    public UpsertResult upsert(CredentialRequest request, boolean mayRetarget) {
        Credential candidate = CredentialRequests.toNew(request, Ids.newId(random, "cred"), now());
        Optional<Credential> existing = repository.findByConnectionId(candidate.connectionId());
        existing.ifPresent(old -> Retargeting.check(old, candidate, mayRetarget));
        checkAuthConfigApp(existing.orElse(null), candidate);
        UpsertResult result = repository.upsert(candidate);
        cache.invalidate(result.credential().connectionId());
        return result;
    }

    /** Applies a partial update; changing where the connection's secrets go needs {@code mayRetarget}. */
    public Credential patch(String credentialId, CredentialRequest request, Set<String> present, boolean mayRetarget) {
        return update(credentialId, c -> {
            Credential next = CredentialRequests.applyPatch(c, request, present, now());
            Retargeting.check(c, next, mayRetarget);
            checkAuthConfigApp(c, next);
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
            throw new ApiException(409, "auth_config_app_mismatch", "auth_config_id names an auth config of"
                    + " another app; a connection may only use an auth config whose app_name is its own");
        }
    }

    public Credential setDisabled(String credentialId, boolean disabled) {
        return update(credentialId, c -> c.withDisabled(disabled, now()));
    }

    /** What a delete did: the connection ID the record had, and the revocation outcome, if one was attempted. */
    public record Deletion(String connectionId, Optional<String> revocation) {
    }

    /**
     * Revokes the connection's token at the provider when its auth config names a revocation endpoint (best
     * effort; a payload that does not open is deleted unrevoked), then deletes the record and its payload.
     */
    public Deletion delete(String credentialId) {
        Credential credential;
        try {
            credential = get(credentialId);
        } catch (DecryptionException unreadable) {
            credential = null;
        }
        Optional<String> revocation = credential == null ? Optional.empty() : revoker.revoke(credential);
        String connectionId = repository.delete(credentialId)
                .orElseThrow(() -> ApiException.notFound("credential not found"));
        cache.invalidate(connectionId);
        return new Deletion(connectionId, revocation);
    }

    public Page<CredentialSummary> list(CredentialFilter filter, int limit, String cursor) {
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
                .orElseThrow(() -> ApiException.notFound("credential not found"));
        cache.invalidate(stored.connectionId());
        return stored;
    }
}
