package com.credbroker.storage.health;

import com.credbroker.storage.db.Database;
import com.credbroker.storage.fakes.InMemoryConnectionHealthRepository;
import com.credbroker.storage.fakes.InMemoryCredentialRepository;

/** The in-memory fake keeps the contract the JDBC stores keep. */
class InMemoryConnectionHealthRepositoryContractTest extends ConnectionHealthRepositoryContract {
    @Override
    protected Database openDatabase() {
        return null;
    }

    @Override
    protected void openRepositories() {
        InMemoryCredentialRepository inMemory = new InMemoryCredentialRepository();
        credentials = inMemory;
        repository = new InMemoryConnectionHealthRepository(inMemory);
    }
}
