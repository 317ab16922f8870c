package com.credbroker.storage.credential;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Stores credentials; seals and opens the secret payload through the one Cryptographer with the AAD
 * {@code connection:<credential_id>}. A payload that fails to open raises
 * {@link com.credbroker.storage.crypto.DecryptionException} for that one record only.
 *
 * <p>{@link #upsert} and {@link #updateIfVersion} are admin writes: besides the record they reset the
 * refresh backoff (failure count and retry-after; see {@link com.credbroker.storage.refresh.RefreshStore})
 * because a human changed the connection. They never touch a refresh lease or its epoch.
 */
public interface CredentialRepository {

    Optional<Credential> findByConnectionId(String connectionId);

    Optional<Credential> findByCredentialId(String credentialId);

    /**
     * Inserts when no row has this connection ID, otherwise replaces the stored record (keeping the
     * stored credential ID and created-at). Returns the stored record with its new version.
     */
    UpsertResult upsert(Credential credential);

    /**
     * Replaces the record only if the stored version equals {@code credential.version()}.
     * Returns the stored record, or empty when the version did not match (a concurrent write won).
     */
    Optional<Credential> updateIfVersion(Credential credential);

    /**
     * The one way to change a stored credential: reads it, applies {@code change} and writes the result
     * with {@link #updateIfVersion}, read and applied again when a concurrent write won (see
     * {@link OptimisticUpdate}; {@code change} returning its argument writes nothing). An admin write, as
     * {@link #updateIfVersion} is.
     *
     * @return the stored record; empty when there is no such credential
     * @throws VersionConflictException when concurrent writes won every attempt
     */
    default Optional<Credential> update(String credentialId, UnaryOperator<Credential> change) {
        return OptimisticUpdate.run(() -> findByCredentialId(credentialId), change, this::updateIfVersion,
                "the credential is being changed concurrently; retry");
    }

    /** Deletes the row and its payload. Returns the deleted record's connection ID, if there was one. */
    Optional<String> delete(String credentialId);

    /** Newest first (created_at, then credential ID, descending), keyset-paginated; the cursor is opaque to callers. */
    Page<CredentialSummary> list(CredentialFilter filter, int limit, String cursor);

    record UpsertResult(Credential credential, boolean created) {
    }
}
