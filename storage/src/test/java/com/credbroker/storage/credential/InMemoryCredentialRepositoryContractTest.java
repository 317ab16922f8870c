package com.credbroker.storage.credential;

import com.credbroker.storage.fakes.InMemoryCredentialRepository;

/** The in-memory fake keeps the contract the JDBC stores keep, so tests built on it stay honest. */
class InMemoryCredentialRepositoryContractTest extends CredentialRepositoryContract {
    @Override
    protected CredentialRepository newRepository() {
        return new InMemoryCredentialRepository();
    }
}
