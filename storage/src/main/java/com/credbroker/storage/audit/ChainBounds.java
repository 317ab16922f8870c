package com.credbroker.storage.audit;

/**
 * Where an audit trail starts and ends, read cheaply (no chain recomputation): the first record's seq
 * and the hash it names as its predecessor, and the last record's seq and hash. An empty trail has
 * seq 0 at both ends and the genesis hash. Immutable.
 */
public record ChainBounds(long firstSeq, String firstPrevHash, long lastSeq, String lastHash) {
    static final ChainBounds EMPTY = new ChainBounds(0, AuditChain.GENESIS, 0, AuditChain.GENESIS);

    public boolean isEmpty() {
        return lastSeq == 0;
    }
}
