package com.credbroker.storage.apikey;

import com.credbroker.storage.fakes.InMemoryApiKeyRepository;

/** The in-memory fake keeps the contract the JDBC stores keep. */
class InMemoryApiKeyRepositoryContractTest extends ApiKeyRepositoryContract {
    @Override
    protected ApiKeyRepository newRepository() {
        return new InMemoryApiKeyRepository();
    }
}
