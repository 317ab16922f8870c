package com.credbroker.storage.fakes;

import com.credbroker.storage.health.ConnectionHealthRepository;
import com.credbroker.storage.health.HealthCheck;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ConnectionHealthRepository} in a map beside an {@link InMemoryCredentialRepository}; passes
 * {@code ConnectionHealthRepositoryContract}. A connection's health goes with it, as the database's
 * foreign key takes it: nothing is recorded for, or read of, a connection that is gone. Thread-safe.
 */
public final class InMemoryConnectionHealthRepository implements ConnectionHealthRepository {
    private final InMemoryCredentialRepository credentials;
    private final Map<String, HealthCheck> byCredentialId = new HashMap<>();

    public InMemoryConnectionHealthRepository(InMemoryCredentialRepository credentials) {
        this.credentials = credentials;
    }

    @Override
    public synchronized Optional<HealthCheck> find(String credentialId) {
        if (credentials.findByCredentialId(credentialId).isEmpty()) {
            byCredentialId.remove(credentialId);
            return Optional.empty();
        }
        return Optional.ofNullable(byCredentialId.get(credentialId));
    }

    @Override
    public synchronized boolean record(String credentialId, HealthCheck check) {
        if (credentials.findByCredentialId(credentialId).isEmpty()) {
            return false;
        }
        byCredentialId.put(credentialId, new HealthCheck(check.status(), check.reason(), check.httpStatus(),
                InMemoryCredentialRepository.micros(check.checkedAt())));
        return true;
    }
}
