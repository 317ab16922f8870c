package com.credbroker.storage.apikey;

import java.util.List;
import java.util.Optional;

public interface ApiKeyRepository {

    void insert(ApiKey key);

    /** Looks a key up by the SHA-256 hash of its secret (revoked keys included; callers check). */
    Optional<ApiKey> findBySecretHash(byte[] secretHash);

    Optional<ApiKey> findById(String id);

    /** Every key, newest first (revoked ones included). */
    List<ApiKey> list();

    /** Marks the key revoked; returns false when no such key exists. */
    boolean revoke(String id, java.time.Instant at);
}
