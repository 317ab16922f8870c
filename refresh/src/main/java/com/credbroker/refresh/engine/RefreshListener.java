package com.credbroker.refresh.engine;

/**
 * Told about every write the refresh engine commits, so that the broker can drop cached responses
 * (and, on several nodes, tell the others) and audit the refresh.
 */
public interface RefreshListener {

    /** A refresh (or a recovery) wrote the connection's record. */
    void committed(String connectionId, RefreshTrigger trigger, RefreshOutcome outcome);

    RefreshListener NONE = (connectionId, trigger, outcome) -> { };
}
