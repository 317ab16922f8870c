package com.credbroker.storage.connect;

/** What presenting a state to {@link ConnectStore#consume} found. */
public sealed interface StateClaim {

    /** The first use: the state is now consumed and no later callback can use it. Expiry is not checked. */
    record Claimed(PendingAuthorization authorization) implements StateClaim {
    }

    /** A state that was already consumed by an earlier callback. */
    record Reused(PendingAuthorization authorization) implements StateClaim {
    }

    /** No authorization has this state (or its connection is gone). */
    record Unknown() implements StateClaim {
    }
}
