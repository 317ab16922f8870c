package com.credbroker.storage.connectioncheck;

import com.credbroker.storage.fakes.InMemoryConnectionCheckRepository;
import com.credbroker.storage.fakes.InMemoryCredentialRepository;

/** The in-memory fake keeps the contract the JDBC stores keep. */
class InMemoryConnectionCheckRepositoryContractTest extends ConnectionCheckRepositoryContract {
    @Override
    protected void openRepositories() {
        InMemoryCredentialRepository inMemory = new InMemoryCredentialRepository();
        credentials = inMemory;
        repository = new InMemoryConnectionCheckRepository(inMemory);
    }
}
