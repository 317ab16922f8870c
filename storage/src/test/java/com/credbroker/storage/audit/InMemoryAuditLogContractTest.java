package com.credbroker.storage.audit;

/** The in-memory fake keeps the contract the file and JDBC audit logs keep. */
class InMemoryAuditLogContractTest extends AuditLogContract {
    @Override
    protected AuditLog openAuditLog() {
        return new InMemoryAuditLog();
    }
}
