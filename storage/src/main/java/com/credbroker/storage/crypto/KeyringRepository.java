package com.credbroker.storage.crypto;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persists the keyring: wrapped data keys by term, the canary and key-derivation metadata. Storage
 * is untrusted: it only ever sees key material sealed under the master key. Implementations are
 * thread-safe. The {@code find*} reads issue SELECTs only and work before the keyring tables exist.
 */
public interface KeyringRepository {

    /** The metadata row; empty when the tables do not exist yet or hold no keyring. */
    Optional<KeyringMeta> findMeta();

    /** All terms, ascending; empty when the tables do not exist yet. */
    List<WrappedTerm> findTerms();

    /**
     * Creates the keyring (metadata and its first term) in one transaction.
     *
     * @throws KeyringConflictException when another process initialised it first
     */
    void initialise(KeyringMeta meta, WrappedTerm first, Instant now);

    /**
     * Adds a term.
     *
     * @throws KeyringConflictException when the term already exists (another node rotated)
     */
    void insertTerm(WrappedTerm term);

    /** Adds the given encryption counts to their terms (deltas, so several nodes can add). */
    void addEncryptions(Map<Integer, Long> deltasByTerm);

    /**
     * Replaces the canary, the key-derivation metadata and every term's wrapped key in one
     * transaction (master key rotation). Fails, changing nothing, if the stored terms are not exactly
     * those given.
     *
     * @throws KeyringConflictException when the set of terms changed concurrently
     */
    void replaceWrapping(KeyringMeta meta, List<WrappedTerm> terms, Instant now);
}
