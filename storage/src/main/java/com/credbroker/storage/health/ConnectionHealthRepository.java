package com.credbroker.storage.health;

import java.util.Optional;

/** The last test outcome of each connection, deleted with the connection. Thread-safe. */
public interface ConnectionHealthRepository {

    /** The last recorded test of the connection; empty when it was never tested. */
    Optional<HealthCheck> find(String credentialId);

    /** Replaces the connection's last test. False when the connection is gone (nothing is stored). */
    boolean record(String credentialId, HealthCheck check);
}
