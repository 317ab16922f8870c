package com.credbroker.refresh.engine;

/**
 * Told about every write the refresh engine commits, so that the broker can drop cached responses
 * (and, on several nodes, tell the others) and audit the refresh.
 */
public interface RefreshListener {

    /** A refresh (or a recovery) wrote the connection's record. */
    void committed(String connectionId, RefreshTrigger trigger, RefreshOutcome outcome);

    /**
     * The same, with the status before and after and the reason stored, where the engine knows them (a refresh
     * that called the provider, or found its client unusable). Forwards to the method above unless overridden.
     */
    default void committed(RefreshCommit commit) {
        committed(commit.connectionId(), commit.trigger(), commit.outcome());
    }

    RefreshListener NONE = (connectionId, trigger, outcome) -> { };
}
