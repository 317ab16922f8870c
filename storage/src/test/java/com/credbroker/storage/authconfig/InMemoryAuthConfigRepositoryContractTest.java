package com.credbroker.storage.authconfig;

import com.credbroker.storage.fakes.InMemoryAuthConfigRepository;
import com.credbroker.storage.fakes.InMemoryCredentialRepository;

/** The in-memory fake keeps the contract the JDBC stores keep. */
class InMemoryAuthConfigRepositoryContractTest extends AuthConfigRepositoryContract {
    @Override
    protected void openRepositories() {
        InMemoryCredentialRepository inMemory = new InMemoryCredentialRepository();
        credentials = inMemory;
        repository = new InMemoryAuthConfigRepository(inMemory);
    }
}
