package com.credbroker.storage.connect;

import com.credbroker.storage.fakes.InMemoryConnectStore;
import com.credbroker.storage.fakes.InMemoryCredentialRepository;

/** The in-memory fake keeps the contract the JDBC stores keep. */
class InMemoryConnectStoreContractTest extends ConnectStoreContract {
    @Override
    protected void openStores() {
        InMemoryCredentialRepository inMemory = new InMemoryCredentialRepository();
        credentials = inMemory;
        store = new InMemoryConnectStore(inMemory);
    }
}
