package com.credbroker.broker.domain;

/** The audit trail cannot be written, so the operation that needed the record is refused (fail-closed). */
public final class AuditUnavailableException extends BrokerException {

    public AuditUnavailableException() {
        super("audit_unavailable", "the audit trail cannot be written; try again later");
    }
}
