package com.credbroker.broker.audit;

import com.credbroker.storage.audit.AuditVerification;
import com.credbroker.storage.audit.CheckpointInvalidException;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.function.Supplier;

/**
 * The answer of {@code GET /admin/audit/verify}: whether the hash chain is intact and matches its checkpoint,
 * how many records were checked, the first broken record and, in words, what does not hold.
 */
public record AuditVerificationResponse(
        @JsonProperty("intact") boolean intact,
        @JsonProperty("records_checked") long recordsChecked,
        @JsonProperty("first_broken_seq") Long firstBrokenSeq,
        @JsonProperty("problem") String problem) {

    /** Runs {@code verification}; a checkpoint that does not authenticate is a result, not an error. */
    public static AuditVerificationResponse of(Supplier<AuditVerification> verification) {
        try {
            AuditVerification result = verification.get();
            return new AuditVerificationResponse(result.intact(), result.recordsChecked(), result.firstBrokenSeq(),
                    result.problem());
        } catch (CheckpointInvalidException e) {
            return new AuditVerificationResponse(false, 0, null, e.getMessage());
        }
    }
}
