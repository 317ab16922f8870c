package com.credbroker.storage.audit;

/** Result of checking the whole chain; {@code firstBrokenSeq} is null when intact. */
public record AuditVerification(boolean intact, long recordsChecked, Long firstBrokenSeq) {
}
