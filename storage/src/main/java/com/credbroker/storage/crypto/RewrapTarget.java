package com.credbroker.storage.crypto;

/**
 * A table holding sealed payloads. The background rewrap asks each target to move rows sealed under
 * an older term to the active term, a batch at a time, while the broker serves.
 */
public interface RewrapTarget {

    /** A short name for logs and metrics, e.g. {@code credentials}. */
    String name();

    /**
     * Re-seals up to {@code limit} rows whose key term is below {@code cryptographer.keyring().activeTerm()}.
     * A row written concurrently is skipped, not overwritten. Returns how many rows were moved.
     */
    int rewrapBatch(Cryptographer cryptographer, int limit);

    /** How many rows are still sealed under a term below {@code activeTerm}. */
    long countBelowTerm(int activeTerm);
}
