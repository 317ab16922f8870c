package com.credbroker.storage.crypto;

import java.time.Instant;

/**
 * One keyring row: a data key sealed under the master key, never the key itself.
 *
 * @param term        the key term
 * @param wrappedKey  the data key's envelope (AAD {@code keyring:term:<term>})
 * @param createdAt   when the term was created
 * @param encryptions encryptions recorded under this term so far (all nodes, as last flushed)
 */
public record WrappedTerm(int term, byte[] wrappedKey, Instant createdAt, long encryptions) {
    public WrappedTerm {
        wrappedKey = wrappedKey.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    @Override
    public String toString() {
        return "WrappedTerm[term=" + term + ", createdAt=" + createdAt + ", encryptions=" + encryptions + "]";
    }
}
