package com.credbroker.storage.fakes;

import com.credbroker.storage.connectioncheck.ConnectionCheckRepository;
import com.credbroker.storage.connectioncheck.CheckResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ConnectionCheckRepository} in a map beside an {@link InMemoryCredentialRepository}; passes
 * {@code ConnectionCheckRepositoryContract}. A connection's health goes with it, as the database's
 * foreign key takes it: nothing is recorded for, or read of, a connection that is gone. Thread-safe.
 */
public final class InMemoryConnectionCheckRepository implements ConnectionCheckRepository {
    private final InMemoryCredentialRepository credentials;
    private final Map<String, CheckResult> byCredentialId = new HashMap<>();

    public InMemoryConnectionCheckRepository(InMemoryCredentialRepository credentials) {
        this.credentials = credentials;
    }

    @Override
    public synchronized Optional<CheckResult> find(String credentialId) {
        if (credentials.findByCredentialId(credentialId).isEmpty()) {
            byCredentialId.remove(credentialId);
            return Optional.empty();
        }
        return Optional.ofNullable(byCredentialId.get(credentialId));
    }

    @Override
    public synchronized boolean record(String credentialId, CheckResult check) {
        if (credentials.findByCredentialId(credentialId).isEmpty()) {
            return false;
        }
        byCredentialId.put(credentialId, new CheckResult(check.status(), check.reason(), check.httpStatus(),
                InMemoryCredentialRepository.micros(check.checkedAt())));
        return true;
    }
}
