package com.credbroker.storage.notify;

/**
 * What a node does when a change to something it may have cached is announced (by another node or by
 * itself). Called from the one listener thread; implementations must be thread-safe with respect to the
 * rest of the node and must not block for long.
 */
public interface ChangeHandler {
    /** One connection's stored record changed (written, refreshed, disabled, deleted). */
    void connectionChanged(String connectionId);

    /** An API key was created, revoked or deleted. */
    void apiKeysChanged();

    /** An auth config was created, changed or deleted. */
    void authConfigsChanged();

    /** Announcements may have been missed (the listening connection was down): drop everything. */
    void anythingMayHaveChanged();
}
