package com.credbroker.storage.connectioncheck;

import java.util.Optional;

/** The last test outcome of each connection, deleted with the connection. Thread-safe. */
public interface ConnectionCheckRepository {

    /** The last recorded test of the connection; empty when it was never tested. */
    Optional<CheckResult> find(String credentialId);

    /** Replaces the connection's last test. False when the connection is gone (nothing is stored). */
    boolean record(String credentialId, CheckResult check);
}
