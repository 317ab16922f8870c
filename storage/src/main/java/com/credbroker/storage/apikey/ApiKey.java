package com.credbroker.storage.apikey;

import java.time.Instant;
import java.util.Set;

/**
 * A stored API key. Only the SHA-256 hash of the secret is kept; the secret itself is shown once.
 *
 * @param id         {@code key_…}
 * @param secretHash SHA-256 of the secret's UTF-8 bytes
 * @param revokedAt  null while the key is valid
 */
public record ApiKey(
        String id,
        KeyKind kind,
        String name,
        Set<String> scopes,
        byte[] secretHash,
        Instant createdAt,
        Instant revokedAt) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
        secretHash = secretHash.clone();
    }

    @Override
    public byte[] secretHash() {
        return secretHash.clone();
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        return "ApiKey[" + id + ", kind=" + kind + ", name=" + name + ", scopes=" + scopes + "]";
    }
}
