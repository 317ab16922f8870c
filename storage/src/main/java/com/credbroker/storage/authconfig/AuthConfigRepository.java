package com.credbroker.storage.authconfig;

import com.credbroker.storage.credential.OptimisticUpdate;
import com.credbroker.storage.credential.Page;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Stores auth configs; the client secret is sealed through the one Cryptographer with the AAD
 * {@code auth_config:<auth_config_id>}. Thread-safe.
 */
public interface AuthConfigRepository {

    /** Inserts a new config (version 1). */
    AuthConfig create(AuthConfig config);

    Optional<AuthConfig> find(String authConfigId);

    /** Newest first (created_at, then auth config ID, descending), keyset-paginated; the cursor is opaque to callers. */
    Page<AuthConfig> list(int limit, String cursor);

    /**
     * Replaces the config only if the stored version equals {@code config.version()}; a change always
     * clears {@link AuthConfig#refreshBlockedReason()} (the operator fixed the client). Empty when the
     * version did not match.
     */
    Optional<AuthConfig> updateIfVersion(AuthConfig config);

    /**
     * Reads the config, applies {@code change} and writes it with {@link #updateIfVersion}, again when a
     * concurrent write won ({@link OptimisticUpdate}).
     *
     * @return the stored config; empty when there is no such config
     * @throws com.credbroker.storage.credential.VersionConflictException when concurrent writes won every attempt
     */
    default Optional<AuthConfig> update(String authConfigId, UnaryOperator<AuthConfig> change) {
        return OptimisticUpdate.run(() -> find(authConfigId), change, this::updateIfVersion,
                "the auth config is being changed concurrently; retry");
    }

    /**
     * Stops refreshes for every connection of the config, if it is still at {@code version} (a refresh
     * that failed with an old secret must not block a config changed meanwhile). The version is not
     * changed. Returns true when the block was recorded.
     */
    boolean blockRefresh(String authConfigId, long version, String reason);

    /**
     * Deletes the config. Refused with {@link AuthConfigInUseException} while any connection refers to it.
     * Returns false when there was no such config.
     */
    boolean delete(String authConfigId);
}
