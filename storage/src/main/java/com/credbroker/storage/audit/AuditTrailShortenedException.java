package com.credbroker.storage.audit;

/**
 * The audit trail holds fewer records than its checkpoint says it must: records were cut from its end,
 * it was emptied, or old segments were deleted beyond what retention removed. The broker refuses to
 * start on it; the message says what is missing and what the operator can do. Carries no record content.
 */
public final class AuditTrailShortenedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditTrailShortenedException(String problem) {
        super("the audit trail is shortened: " + problem + ". Restore the missing audit records from a backup,"
                + " or accept the loss with `credbroker audit accept-truncation` (itself audited)");
    }
}
