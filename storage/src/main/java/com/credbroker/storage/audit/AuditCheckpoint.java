package com.credbroker.storage.audit;

/**
 * What the audit trail must still hold, kept where the trail is not: its head (the last record's seq
 * and hash, so records cut from the end show) and the retention anchor (the seq and hash of the last
 * record deliberately deleted with old segments, so pruned records are not taken for missing ones).
 * Stored sealed under the keyring ({@link SealedCheckpoint}), so it cannot be edited without the
 * master key. Immutable.
 *
 * @param seq      the last record the trail held when the checkpoint was written (0: empty)
 * @param hash     that record's hash ({@link AuditChain#GENESIS} when empty)
 * @param baseSeq  records up to this seq were deleted by retention (0: none)
 * @param baseHash the hash of record {@code baseSeq} ({@link AuditChain#GENESIS} when none)
 */
public record AuditCheckpoint(long seq, String hash, long baseSeq, String baseHash) {
    static final AuditCheckpoint EMPTY = new AuditCheckpoint(0, AuditChain.GENESIS, 0, AuditChain.GENESIS);

    AuditCheckpoint withHead(long newSeq, String newHash) {
        return new AuditCheckpoint(newSeq, newHash, baseSeq, baseHash);
    }

    AuditCheckpoint withBase(long newBaseSeq, String newBaseHash) {
        return new AuditCheckpoint(seq, hash, newBaseSeq, newBaseHash);
    }
}
