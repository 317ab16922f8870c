package com.credbroker.storage.connect;

import java.util.Optional;

/**
 * Bookkeeping of reconnects in place: the {@link PendingReconnect} of a started authorization, by state
 * hash, its secrets sealed at rest; and the fencing of a refresh of the grant a reconnect replaces.
 * Every call joins a transaction its thread has open on the same data source
 * ({@link com.credbroker.storage.db.Transactions}). Thread-safe.
 */
public interface ReconnectStore {

    /** Records a reconnect; its {@link PendingAuthorization} (same state hash) must already be saved. */
    void save(PendingReconnect reconnect);

    /** The reconnect started with this state, if the authorization was a reconnect. */
    Optional<PendingReconnect> find(String stateHash);

    /**
     * Ends any refresh of the connection's current grant: a new fencing epoch, no lease, no in-flight
     * marker; the record itself is unchanged. A refresh still in flight can then store nothing (its
     * completion finds the epoch moved). For the transaction that replaces the grant, so that the old
     * grant's late answer cannot overwrite the new tokens. False when there is no such connection.
     */
    boolean fenceRefresh(String credentialId);
}
