package com.credbroker.refresh.engine;

import com.credbroker.storage.authconfig.AuthConfig;
import com.credbroker.storage.authconfig.AuthConfigRepository;
import com.credbroker.storage.refresh.ClaimSnapshot;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The auth configs refreshes use, opened once per version: a claim's snapshot carries the version of
 * its connection's auth config, so a cached config is used only while it is that version, and any
 * change (a new secret, a lifted block) is read on the next refresh. Holds one entry per auth config
 * that has been refreshed through. Thread-safe.
 */
final class AuthConfigCache {
    private final AuthConfigRepository repository;
    private final ConcurrentHashMap<String, AuthConfig> byId = new ConcurrentHashMap<>();

    AuthConfigCache(AuthConfigRepository repository) {
        this.repository = repository;
    }

    /** The auth config at {@code version}, or as stored now when the version is unknown or newer. */
    Optional<AuthConfig> find(String authConfigId, long version) {
        AuthConfig cached = byId.get(authConfigId);
        if (cached != null && version != ClaimSnapshot.UNKNOWN_VERSION && cached.version() == version) {
            return Optional.of(cached);
        }
        Optional<AuthConfig> found = repository.find(authConfigId);
        if (found.isPresent()) {
            byId.put(authConfigId, found.get());
        } else {
            byId.remove(authConfigId);
        }
        return found;
    }

    /** Stops refreshes through this config (at this version) after the provider rejected the client. */
    void blockRefresh(AuthConfig config, String reason) {
        byId.remove(config.authConfigId());
        repository.blockRefresh(config.authConfigId(), config.version(), reason);
    }
}
