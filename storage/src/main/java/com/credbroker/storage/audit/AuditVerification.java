package com.credbroker.storage.audit;

/**
 * Result of checking the whole chain; {@code firstBrokenSeq} is null when intact. {@code problem} says in
 * words what does not hold against the checkpoint (records missing at the end or the start, a rewritten
 * head, a checkpoint that does not authenticate); null when nothing is known to be wrong.
 */
public record AuditVerification(boolean intact, long recordsChecked, Long firstBrokenSeq, String problem) {

    public AuditVerification(boolean intact, long recordsChecked, Long firstBrokenSeq) {
        this(intact, recordsChecked, firstBrokenSeq, null);
    }
}
