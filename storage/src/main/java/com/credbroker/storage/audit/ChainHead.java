package com.credbroker.storage.audit;

/** The last record of a chain: where the next append continues. Seq 0 and the genesis hash when empty. */
record ChainHead(long seq, String hash) {
    static final ChainHead GENESIS = new ChainHead(0, AuditChain.GENESIS);
}
