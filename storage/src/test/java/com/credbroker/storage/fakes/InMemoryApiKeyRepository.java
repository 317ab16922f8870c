package com.credbroker.storage.fakes;

import com.credbroker.storage.apikey.ApiKey;
import com.credbroker.storage.apikey.ApiKeyRepository;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ApiKeyRepository} in a map; passes {@code ApiKeyRepositoryContract}. Thread-safe (one lock).
 * Keeps only the secret's hash, as the database store does; hashes are compared in constant time.
 */
public final class InMemoryApiKeyRepository implements ApiKeyRepository {
    private final Map<String, ApiKey> byId = new LinkedHashMap<>();

    @Override
    public synchronized void insert(ApiKey key) {
        if (byId.putIfAbsent(key.id(), stored(key, key.revokedAt())) != null) {
            throw new IllegalStateException("duplicate api key id");
        }
    }

    @Override
    public synchronized Optional<ApiKey> findBySecretHash(byte[] secretHash) {
        return byId.values().stream().filter(k -> MessageDigest.isEqual(k.secretHash(), secretHash)).findFirst();
    }

    @Override
    public synchronized Optional<ApiKey> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<ApiKey> list() {
        return byId.values().stream()
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id).reversed())
                .toList();
    }

    /** The first revocation's time stays; a second revoke of the same key still answers true. */
    @Override
    public synchronized boolean revoke(String id, Instant at) {
        ApiKey key = byId.get(id);
        if (key == null) {
            return false;
        }
        if (!key.revoked()) {
            byId.put(id, stored(key, at));
        }
        return true;
    }

    private static ApiKey stored(ApiKey key, Instant revokedAt) {
        return new ApiKey(key.id(), key.kind(), key.name(), key.scopes(), key.secretHash(),
                InMemoryCredentialRepository.micros(key.createdAt()), InMemoryCredentialRepository.micros(revokedAt));
    }
}
