package com.credbroker.broker.cluster;

import com.credbroker.broker.apikey.ApiKeyService;
import com.credbroker.broker.credential.LookupCache;
import com.credbroker.config.DatabaseConfig;
import com.credbroker.storage.db.Database;
import com.credbroker.storage.notify.ChangeHandler;
import com.credbroker.storage.notify.PostgresChangeListener;
import java.time.Duration;

/**
 * Keeps this node's caches coherent with the other nodes on one PostgreSQL database: an announced change
 * to a connection drops its cached lookup response, a change to API keys drops the verified keys (a key
 * revoked on another node stops working here within the listener's latency), a change to auth configs or
 * a lost listening connection drops everything.
 */
public final class CacheCoherence implements ChangeHandler {
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final LookupCache lookups;
    private final ApiKeyService keys;

    public CacheCoherence(LookupCache lookups, ApiKeyService keys) {
        this.lookups = lookups;
        this.keys = keys;
    }

    /** Starts listening on its own connection to the configured (PostgreSQL) database. */
    public static PostgresChangeListener listen(DatabaseConfig database, LookupCache lookups, ApiKeyService keys) {
        return new PostgresChangeListener(() -> Database.openDedicated(database), new CacheCoherence(lookups, keys),
                RECONNECT).start();
    }

    @Override
    public void connectionChanged(String connectionId) {
        lookups.invalidate(connectionId);
    }

    @Override
    public void apiKeysChanged() {
        keys.forgetVerifiedKeys();
    }

    @Override
    public void authConfigsChanged() {
        lookups.invalidateAll();
    }

    @Override
    public void anythingMayHaveChanged() {
        lookups.invalidateAll();
        keys.forgetVerifiedKeys();
    }
}
