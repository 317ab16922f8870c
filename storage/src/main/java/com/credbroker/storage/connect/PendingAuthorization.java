package com.credbroker.storage.connect;

import java.time.Instant;
import java.util.Objects;

/**
 * One authorization started for a connection: the hash of its state, where the provider was told to
 * send the browser back, and until when the state may be used. Holds no secret: the state itself is
 * never stored, only its SHA-256.
 *
 * @param stateHash    lower-case hex SHA-256 of the state (64 characters)
 * @param consumedAt   when a callback first presented the state; null while unused
 * @param nonceHash    lower-case hex SHA-256 of the OpenID Connect nonce the request carried, or null
 */
public record PendingAuthorization(
        String stateHash,
        String credentialId,
        String redirectUri,
        Instant createdAt,
        Instant expiresAt,
        Instant consumedAt,
        String nonceHash) {

    /** An authorization without an OpenID Connect nonce. */
    public PendingAuthorization(String stateHash, String credentialId, String redirectUri, Instant createdAt,
            Instant expiresAt, Instant consumedAt) {
        this(stateHash, credentialId, redirectUri, createdAt, expiresAt, consumedAt, null);
    }

    public PendingAuthorization {
        Objects.requireNonNull(stateHash, "stateHash");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True when the state may no longer be used at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
