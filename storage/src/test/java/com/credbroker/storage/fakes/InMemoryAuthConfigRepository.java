package com.credbroker.storage.fakes;

import com.credbroker.storage.db.ListCursor;

import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.AuthConfigInUseException;
import com.credbroker.storage.authconfig.AuthConfigRepository;
import com.credbroker.storage.authconfig.JdbcAuthConfigRepository;
import com.credbroker.storage.credential.CredentialFilter;
import com.credbroker.storage.credential.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link AuthConfigRepository} in a map beside an {@link InMemoryCredentialRepository} (a config in use
 * by a connection cannot be deleted); passes {@code AuthConfigRepositoryContract} except the cases that
 * tamper with sealed rows. Thread-safe (one lock). The client secret and the template binding are kept as
 * given.
 */
public final class InMemoryAuthConfigRepository implements AuthConfigRepository {
    private final InMemoryCredentialRepository credentials;
    private final Map<String, AuthConfig> byId = new TreeMap<>();

    public InMemoryAuthConfigRepository(InMemoryCredentialRepository credentials) {
        this.credentials = credentials;
    }

    @Override
    public synchronized AuthConfig create(AuthConfig config) {
        requireScopes(config.scopes());
        if (byId.containsKey(config.authConfigId())) {
            throw new IllegalStateException("duplicate auth config id");
        }
        AuthConfig stored = stored(config, config.createdAt(), config.refreshBlockedReason(), 1);
        byId.put(stored.authConfigId(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<AuthConfig> find(String authConfigId) {
        return Optional.ofNullable(byId.get(authConfigId));
    }

    @Override
    public synchronized Page<AuthConfig> list(int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        ListCursor after = ListCursor.decodeOrNull(cursor);
        List<AuthConfig> matching = byId.values().stream()
                .filter(c -> after == null || Cursors.before(c.createdAt(), c.authConfigId(), after))
                .sorted(Cursors.newestFirst(AuthConfig::createdAt, AuthConfig::authConfigId))
                .limit(limit + 1L)
                .toList();
        if (matching.size() <= limit) {
            return new Page<>(matching, null);
        }
        List<AuthConfig> page = matching.subList(0, limit);
        AuthConfig last = page.get(limit - 1);
        return new Page<>(page, new ListCursor(last.createdAt(), last.authConfigId()).encode());
    }

    @Override
    public synchronized Optional<AuthConfig> updateIfVersion(AuthConfig config) {
        requireScopes(config.scopes());
        AuthConfig old = byId.get(config.authConfigId());
        if (old == null || old.version() != config.version()) {
            return Optional.empty();
        }
        AuthConfig stored = stored(config, old.createdAt(), null, old.version() + 1);
        byId.put(stored.authConfigId(), stored);
        return Optional.of(stored);
    }

    @Override
    public synchronized boolean blockRefresh(String authConfigId, long version, String reason) {
        AuthConfig old = byId.get(authConfigId);
        if (old == null || old.version() != version) {
            return false;
        }
        String given = reason == null || reason.isBlank() ? JdbcAuthConfigRepository.DEFAULT_BLOCKED_REASON : reason;
        String bounded = given.length() > JdbcAuthConfigRepository.MAX_BLOCKED_REASON
                ? given.substring(0, JdbcAuthConfigRepository.MAX_BLOCKED_REASON) : given;
        byId.put(authConfigId, stored(old, old.createdAt(), bounded, old.version()));
        return true;
    }

    @Override
    public synchronized boolean delete(String authConfigId) {
        if (!byId.containsKey(authConfigId)) {
            return false;
        }
        int users = credentials.list(new CredentialFilter(null, null, null, authConfigId, null), Integer.MAX_VALUE - 1,
                null).items().size();
        if (users > 0) {
            throw new AuthConfigInUseException(authConfigId, users);
        }
        byId.remove(authConfigId);
        return true;
    }

    /** Scopes are stored space-separated in the database, so the fake refuses what the table cannot hold. */
    private static void requireScopes(List<String> scopes) {
        for (String scope : scopes) {
            if (scope == null || scope.isEmpty() || scope.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a scope must be non-empty and contain no whitespace");
            }
        }
    }

    private static AuthConfig stored(AuthConfig in, Instant createdAt, String blockedReason, long version) {
        return new AuthConfig(in.authConfigId(), in.appName(), in.tokenEndpoint(), in.authorizationEndpoint(),
                in.revocationEndpoint(), in.clientId(), in.clientSecret(), in.clientAuthMethod(), in.scopes(),
                blockedReason, InMemoryCredentialRepository.micros(createdAt),
                InMemoryCredentialRepository.micros(in.updatedAt()), version, in.template());
    }
}
