package com.credbroker.storage.credential;

import java.util.Optional;

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

    /** Deletes the row and its payload. Returns the deleted record's connection ID, if there was one. */
    Optional<String> delete(String credentialId);

    /** Newest first (created_at, then credential ID, descending), keyset-paginated; the cursor is opaque to callers. */
    Page<CredentialSummary> list(CredentialFilter filter, int limit, String cursor);

    record UpsertResult(Credential credential, boolean created) {
    }
}
